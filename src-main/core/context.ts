import type { Database } from 'better-sqlite3';
import type { Bus } from './events/bus';
import type { Journal } from './journal/journal';
import type { Logger } from './logger';
import type { ResolvedConfig } from './config';

import type { Clock } from './clock';

export type { Clock } from './clock';
export { systemClock } from './clock';

/** Source of randomness: returns n fresh bytes. Injected so tests can make tickets and pushes reproducible. */
export type RandomBytes = (n: number) => Buffer;

export interface ServerUrls {
  studio: string;
  wechat: string;
  auth: string;
}

/**
 * Everything a domain module needs, injected. `urls` is filled once all three servers listen
 * (routes are registered before that, so handlers must read it at request time).
 */
export interface CoreContext {
  db: Database;
  bus: Bus;
  journal: Journal;
  clock: Clock;
  random: RandomBytes;
  fetch: typeof globalThis.fetch;
  log: Logger;
  urls: ServerUrls;
  config: ResolvedConfig;
}
