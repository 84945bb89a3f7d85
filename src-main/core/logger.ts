import { redactFields } from './journal/redact';

/**
 * A tiny structured logger. Field names that look like secrets are redacted, so a careless
 * `log.info('saved', account)` cannot leak an AppSecret, Token, EncodingAESKey or the launch token.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(write: (line: string) => void = (l) => process.stderr.write(l + '\n'), quiet = false): Logger {
  const emit = (level: string, message: string, fields?: Record<string, unknown>): void => {
    if (quiet && level === 'info') return;
    const extra = fields ? ' ' + JSON.stringify(redactFields(fields)) : '';
    write(`[${level}] ${message}${extra}`);
  };
  return {
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
