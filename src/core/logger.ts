import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs to stderr, so stdout stays clean for CLI output such as `--json`. */
export function createLogger(level: string, name = 'nianbao'): Logger {
  return pino({ name, level }, pino.destination(2));
}
