import pino, { type Logger } from 'pino';

/** Structured JSON logger for a process; `name` tags every line with the app. */
export function createLogger(name: string, level: string): Logger {
  return pino({ name, level, base: { app: name } });
}

export type { Logger };
