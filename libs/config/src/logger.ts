import pino, { type DestinationStream, type Logger } from 'pino';

/** Request headers that carry credentials: never written to a log line. */
export const REDACTED_HEADERS = ['x-api-key', 'authorization', 'cookie', 'set-cookie'] as const;

/**
 * Structured JSON logger for a process, the one line format of every app: pino's fields, `app`
 * naming the process, and credential headers of logged requests removed. `destination` defaults
 * to stdout.
 */
export function createLogger(name: string, level: string, destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    base: { app: name },
    redact: { paths: REDACTED_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `res.headers["${h}"]`]), remove: true },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
