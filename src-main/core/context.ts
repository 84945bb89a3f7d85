import type { Database } from 'better-sqlite3';
import type { Clock } from './clock';
import type { ResolvedConfig } from './config';
import type { Store } from './db/store';
import type { Bus } from './events/bus';
import type { Journal } from './journal/journal';
import type { Logger } from './logger';

export type { Clock } from './clock';
export { systemClock } from './clock';

/** Source of randomness: returns n fresh bytes. Injected so tests can make tickets and pushes reproducible. */
export type RandomBytes = (n: number) => Buffer;

/** Origins of the three servers of this run. Known before any module is built: the servers listen first. */
export interface ServerUrls {
  readonly studio: string;
  readonly wechat: string;
  readonly auth: string;
}

/** Everything a domain module needs, injected. */
export interface CoreContext {
  readonly db: Database;
  readonly store: Store;
  readonly bus: Bus;
  readonly journal: Journal;
  readonly clock: Clock;
  readonly random: RandomBytes;
  /** Outbound HTTP of the login server (WeChat's API) and relays (forwards). */
  readonly fetch: typeof globalThis.fetch;
  readonly log: Logger;
  readonly urls: ServerUrls;
  readonly config: ResolvedConfig;
  /** Base URL of WeChat's API as the login server calls it: `--wechat-api`, else the mock wechat server. */
  readonly wechatApiBase: string;
}
