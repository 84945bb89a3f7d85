import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DROPPED_STATUS, FAULT_ANSWERS, FAULT_BODIES, faultSchema, type ConnectionFault, type Fault } from '../../contracts/faults';
import { say, type Said } from '../../contracts/said';
import type { CoreContext } from '../context';
import { fromZodError } from '../http/errors';
import { note } from '../journal/recorder';
import { createSettingsStore } from '../settings';

/**
 * Fault injection on the events endpoint, per connection: before a push is processed, the endpoint waits
 * (on the injected clock) and then processes it, or answers HTTP 500, a garbled body, or drops the
 * connection without a word — what a slow or failing server does, without writing one. Each fault says so in
 * the journal entry of the exchange it spoiled. Kept in the settings store; a change is announced as the
 * `faults` topic.
 */

const stored = z.object({
  delayMs: z.number().int().min(0),
  answer: z.enum(FAULT_ANSWERS),
  times: z.number().int().min(1).nullable(),
});
const faultsSchema = z.object({ connections: z.record(z.string(), stored) });
type FaultsState = z.infer<typeof faultsSchema>;

/** What the endpoint does next: it was answered already, or it goes on (with a note for the journal). */
export interface FaultOutcome {
  answered?: FastifyReply;
  /** Said in the journal entry of a push that was processed after an injected delay. */
  note?: Said;
}

const keyOf = (poolId: string, identifier: string): string => `${poolId}/${identifier}`;

function describe(f: Fault): Said {
  const answer = say(`faults.answer.${f.answer}`);
  return f.delayMs > 0 ? say('faults.delayed', { ms: f.delayMs, answer }) : answer;
}

const injected = (identifier: string, f: Fault): Said => say('faults.onConnection', { identifier, what: describe(f) });

export function createFaults(ctx: CoreContext, exists: (poolId: string, identifier: string) => void) {
  const settings = createSettingsStore<FaultsState>(ctx.store, 'login.faults', { full: faultsSchema, patch: faultsSchema.partial() }, () => ({ connections: {} }));
  /** Requests whose connection is to be dropped once their journal entry is written. */
  const dropping = new WeakSet<FastifyRequest>();

  const save = (connections: FaultsState['connections']): void => {
    ctx.store.tx(() => {
      settings.update({ connections });
      ctx.store.touch('faults');
    });
  };

  /** Takes one use of the connection's fault (a counted fault is gone after its last push). */
  function take(poolId: string, identifier: string): Fault | undefined {
    const all = settings.get().connections;
    const key = keyOf(poolId, identifier);
    const f = all[key];
    if (!f) return undefined;
    if (f.times !== null) {
      const rest = { ...all };
      if (f.times > 1) rest[key] = { ...f, times: f.times - 1 };
      else delete rest[key];
      save(rest);
    }
    return f;
  }

  function answer(req: FastifyRequest, reply: FastifyReply, f: Fault, label: string): FastifyReply {
    note(req, { summary: say('faults.summary', { what: describe(f) }), verdict: { ok: false, reasons: [injected(label, f)] } });
    if (f.answer === 'http500') return reply.status(500).type('text/plain; charset=utf-8').send(FAULT_BODIES.http500);
    if (f.answer === 'garbage') return reply.status(200).type('text/plain; charset=utf-8').send(FAULT_BODIES.garbage);
    dropping.add(req);
    return reply.status(DROPPED_STATUS).send('');
  }

  return {
    list(): ConnectionFault[] {
      return Object.entries(settings.get().connections).map(([key, f]) => {
        const [poolId = '', identifier = ''] = key.split('/');
        return { poolId, identifier, ...f };
      });
    },
    /** Sets (replaces) the connection's fault; 422 names the field, and nothing changes. */
    set(poolId: string, identifier: string, input: unknown): ConnectionFault {
      exists(poolId, identifier);
      const parsed = faultSchema.safeParse(input);
      if (!parsed.success) throw fromZodError(parsed.error);
      save({ ...settings.get().connections, [keyOf(poolId, identifier)]: parsed.data });
      return { poolId, identifier, ...parsed.data };
    },
    clear(poolId: string, identifier: string): void {
      const rest = { ...settings.get().connections };
      if (!(keyOf(poolId, identifier) in rest)) return;
      delete rest[keyOf(poolId, identifier)];
      save(rest);
    },
    /** Every fault gone (Reset demo, a deleted pool). */
    reset(): void {
      ctx.store.tx(() => {
        settings.reset();
        ctx.store.touch('faults');
      });
    },

    /** Applied by the events endpoint to a push before it processes it. */
    async before(req: FastifyRequest, reply: FastifyReply, conn: { poolId: string; identifier: string }): Promise<FaultOutcome> {
      const f = take(conn.poolId, conn.identifier);
      if (!f) return {};
      if (f.delayMs > 0) await ctx.clock.sleep(f.delayMs);
      if (f.answer === 'process') return { note: injected(conn.identifier, f) };
      return { answered: answer(req, reply, f, conn.identifier) };
    },

    /**
     * Drops the connection of a request marked for it. An onSend hook added after the journal's recorder
     * runs once the entry is written, before any byte of the answer leaves.
     */
    install(app: FastifyInstance): void {
      app.addHook('onSend', async (req, _reply, payload) => {
        if (dropping.has(req)) req.raw.socket?.destroy();
        return payload;
      });
    },
  };
}

export type Faults = ReturnType<typeof createFaults>;
