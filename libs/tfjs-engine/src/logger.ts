/** Logger shape the engine and the training library accept (pino's `info`/`warn`/`debug` fit). */
export interface TrainingLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}
