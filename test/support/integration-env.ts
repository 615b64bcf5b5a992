import { inject } from 'vitest';

// Each test worker runs handlers in-process, configured exactly as the local stack configures them.
Object.assign(process.env, inject('waymarkEnv'), { LOG_LEVEL: 'error' });
