import os from 'node:os';
import path from 'node:path';

export type SeedChoice = 'demo' | 'empty';

export interface RuntimeOptions {
  host?: string;
  studioPort?: number;
  wechatPort?: number;
  authPort?: number;
  /** Folder for the SQLite database; null or undefined with memory=true keeps everything in memory. */
  dataDir?: string | null;
  memory?: boolean;
  /** Seed for a new data store; default: demo. An existing store is never re-seeded. */
  seed?: SeedChoice;
  /** Folder of the built renderer the studio server serves; absent = no UI (API only). */
  rendererDir?: string | null;
  /** The built-in scenario library (scenarios/builtin) the Scenarios page offers; absent = an empty library. */
  scenariosDir?: string | null;
  /** Fixed launch token (tests); default: random per launch. */
  token?: string;
  /** Push delivery: per-attempt timeout and attempts (WeChat: 5 s, 3 attempts). */
  pushTimeoutMs?: number;
  pushAttempts?: number;
  /** Base URL the login server uses for WeChat's API; default: the mock wechat server. */
  wechatApiBase?: string | null;
  /** Serve the auth server over TLS with a certificate from the studio's local CA (kept in the data folder). */
  https?: boolean;
  quiet?: boolean;
}

export interface ResolvedConfig {
  host: string;
  ports: { studio: number; wechat: number; auth: number };
  dbPath: string;
  seed: SeedChoice;
  rendererDir: string | null;
  scenariosDir: string | null;
  pushTimeoutMs: number;
  pushAttempts: number;
  wechatApiBase: string | null;
  https: boolean;
  /** Where the local CA lives: the data folder, or null for a temporary folder (an in-memory studio). */
  tlsDir: string | null;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  pushTimeoutMs: 5000,
  pushAttempts: 3,
} as const;

export function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'follow-studio');
}

export function resolveConfig(o: RuntimeOptions): ResolvedConfig {
  const memory = o.memory === true || o.dataDir === null;
  return {
    host: o.host ?? DEFAULTS.host,
    ports: { studio: o.studioPort ?? 0, wechat: o.wechatPort ?? 0, auth: o.authPort ?? 0 },
    dbPath: memory ? ':memory:' : path.join(o.dataDir ?? defaultDataDir(), 'follow-studio.db'),
    seed: o.seed ?? 'demo',
    rendererDir: o.rendererDir ?? null,
    scenariosDir: o.scenariosDir ?? null,
    pushTimeoutMs: o.pushTimeoutMs ?? DEFAULTS.pushTimeoutMs,
    pushAttempts: o.pushAttempts ?? DEFAULTS.pushAttempts,
    wechatApiBase: o.wechatApiBase ?? null,
    https: o.https === true,
    tlsDir: memory ? null : (o.dataDir ?? defaultDataDir()),
  };
}
