/**
 * A tiny structured logger. Field names that look like secrets are redacted, so a careless
 * `log.info('saved', account)` cannot leak an AppSecret, Token, EncodingAESKey or the launch token.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const SECRET_KEY = /secret|token|aeskey|encodingaeskey|password|authorization|cookie/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
}

export function createLogger(write: (line: string) => void = (l) => process.stderr.write(l + '\n'), quiet = false): Logger {
  const emit = (level: string, message: string, fields?: Record<string, unknown>): void => {
    if (quiet && level === 'info') return;
    const extra = fields ? ' ' + JSON.stringify(redact(fields)) : '';
    write(`[${level}] ${message}${extra}`);
  };
  return {
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
