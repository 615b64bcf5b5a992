import { inject } from 'vitest';
import { RATE_LIMITS_ENV, rateRules } from '../../shared/limits/policy.js';

// Each test worker runs handlers in-process, configured exactly as the local stack configures them, except for the
// per-source rate limits (every test file connects from 127.0.0.1, an address real clients never share) and the
// per-firm sending limits (test firms invite far more in a minute than a real new firm may); a test of a limit sets
// WAYMARK_RATE_LIMITS itself.
const perSource = [rateRules.signInPerSource, rateRules.signUpPerSource, rateRules.resetPerSource, rateRules.invitationsPerFirmHour, rateRules.invitationsPerFirmDay];
Object.assign(process.env, inject('waymarkEnv'), { LOG_LEVEL: 'error', [RATE_LIMITS_ENV]: perSource.map((r) => `${r.name}=1000000`).join(',') });
