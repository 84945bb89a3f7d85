import type { FastifyInstance } from 'fastify';
import type { RouteRegistry } from './http/routes';

export interface Apps {
  studio: FastifyInstance;
  wechat: FastifyInstance;
  auth: FastifyInstance;
}

/** A domain of the engine (the mock platform, the login server): routes in, lifecycle hooks out. */
export interface DomainModule {
  /** Adds the module's routes; called before any server listens. */
  register(apps: Apps, routes: RouteRegistry): void;
  /** Called once all servers listen and ctx.urls is known (start timers, resume work). */
  start?(): Promise<void> | void;
  /** Called on shutdown before the database closes: finish or record in-flight work. */
  stop?(): Promise<void> | void;
}
