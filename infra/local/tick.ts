/**
 * `npm run tick -- --at 2026-12-01T08:00:00+01:00 [--schedule email-outbox]`: one scheduler tick for a given
 * instant against the running local stack. Without --schedule it runs what is due at that minute.
 */
import { parseArgs } from 'node:util';
import { schedules } from '../../shared/contracts/schedules.js';
import { LocalStackError } from './processes.js';
import { parseScheduleExpression } from './schedule-expression.js';
import { tick } from './scheduler.js';
import { readState } from './state.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { at: { type: 'string' }, schedule: { type: 'string', multiple: true } } });
  const at = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime())) throw new LocalStackError(`--at ${values.at} is not a date-time; use ISO 8601, e.g. 2026-12-01T08:00:00+01:00`);
  const unknown = (values.schedule ?? []).filter((name) => !schedules.some((s) => s.name === name));
  if (unknown.length) throw new LocalStackError(`Unknown schedule ${unknown.join(', ')}; known: ${schedules.map((s) => s.name).join(', ')}`);
  Object.assign(process.env, readState().env);
  const results = await tick(at, values.schedule);
  if (results.length === 0) {
    const next = schedules.map((s) => `${s.name} next at ${parseScheduleExpression(s.expression).next(at).toISOString()}`);
    console.log(`No schedule is due at ${at.toISOString()} (${next.join('; ')}). Name one with --schedule to run it anyway.`);
  }
  for (const r of results) console.log(JSON.stringify({ at: at.toISOString(), ...r }));
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(`waymark: ${error instanceof LocalStackError ? error.message : String(error)}`);
  process.exit(1);
});
