/**
 * Structured JSON logging, one line per entry, with the request id on every line.
 * A logger is created per invocation so one request's (or tenant's) keys never leak into the next.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  with(fields: LogFields): Logger;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const level = (process.env.LOG_LEVEL ?? 'info').toLowerCase() as LogLevel;
  return order[level] ?? order.info;
}

export function createLogger(base: LogFields = {}, write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  const emit = (level: LogLevel, message: string, fields?: LogFields) => {
    if (order[level] < threshold()) return;
    write(redactAddresses(JSON.stringify({ level, time: new Date().toISOString(), message, ...base, ...fields }, errorReplacer)));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    with: (fields) => createLogger({ ...base, ...fields }, write),
  };
}

/**
 * Logs carry ids, never email addresses: whatever a caller or a dependency's error message puts in a line, an
 * address is masked before the line is written.
 */
const ADDRESS = /[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g;
export const redactAddresses = (line: string): string => line.replace(ADDRESS, '[address]');

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
