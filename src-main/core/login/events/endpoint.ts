import type { FastifyReply, FastifyRequest } from 'fastify';
import { say } from '../../../contracts/said';
import type { CoreContext } from '../../context';
import { note } from '../../journal/recorder';
import type { KnownSecret } from '../../journal/redact';
import { urlVerificationDiagnosis } from '../../receiver/refusal';
import { verifyUrl } from '../../wechat/envelope';
import type { Faults } from '../faults';
import type { ConnectionRow, LoginRepo } from '../repo';
import { unixSeconds } from '../util';
import { dedupKey } from './dedup';
import type { EventPipeline } from './pipeline';
import { read, refusal, verify } from './verify';

/**
 * `/connections/social/{identifier}/{userPoolId}/events`: WeChat's URL verification (GET) and pushes (POST)
 * in all three modes, as a pipeline of small steps:
 *
 *   verify → read → dedup → decide → commit → announce → respond
 *
 * verify: signature / msg_signature, the timestamp window, decryption and its appid. read: the mode
 * matches the connection's, the XML is a message. The steps from dedup on are shared with the third-party
 * platform's message URL (pipeline.ts). A refusal answers a short fixed text; why goes only into the journal.
 */

export interface EventsSettings {
  maxSkewSeconds(): number;
}

export function createEventsEndpoint(ctx: CoreContext, repo: LoginRepo, pipeline: EventPipeline, settings: EventsSettings, faults?: Pick<Faults, 'before'>) {
  const { q } = repo;
  // Connections are read on every push; any change to connections or pools empties the cache.
  const connections = new Map<string, ConnectionRow>();
  ctx.bus.subscribe((e) => {
    if (e.type === 'changed' && (e.topic === 'connections' || e.topic === 'pools')) connections.clear();
  });
  const connectionOf = (poolId: string, identifier: string): ConnectionRow | undefined => {
    const key = `${poolId}/${identifier}`;
    let row = connections.get(key);
    if (!row) {
      row = q.connGet.get(poolId, identifier);
      if (row) connections.set(key, row); // misses are not cached: unknown URLs cannot grow the map
    }
    return row;
  };
  const secretsOf = (conn: ConnectionRow): KnownSecret[] => [
    { value: conn.token, label: 'Token' },
    { value: conn.encodingAesKey, label: 'EncodingAESKey' },
    { value: conn.appSecret, label: 'AppSecret' },
  ];

  function urlVerification(conn: ConnectionRow, req: FastifyRequest, reply: FastifyReply): FastifyReply {
    const v = verifyUrl({ query: req.query as Record<string, string | undefined>, token: conn.token });
    if (!v.ok) return pipeline.refuse(req, reply, conn, refusal(401, urlVerificationDiagnosis(v)));
    note(req, { summary: say('login.urlVerified'), verdict: { ok: true, reasons: [] } });
    return reply.status(200).type('text/plain; charset=utf-8').send(v.echostr);
  }

  async function handle(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { identifier, userPoolId } = req.params as { identifier: string; userPoolId: string };
    const conn = connectionOf(userPoolId, identifier);
    note(req, { kind: req.method === 'GET' ? 'verify' : 'event', ...(conn ? { appId: conn.appId, secrets: secretsOf(conn) } : {}) });
    if (!conn) return pipeline.refuse(req, reply, conn, refusal(404, say('refusal.noConnection', { identifier, poolId: userPoolId })));
    // A connection made by authorization has no Token of its own: its pushes come to the third-party platform's message URL.
    if (!conn.token) return pipeline.refuse(req, reply, undefined, refusal(404, say('refusal.byAuthorization', { identifier })));
    if (req.method === 'GET') return urlVerification(conn, req, reply);
    // Fault injection (faults.ts): a delay first, then maybe an answer instead of processing the push.
    const fault = (await faults?.before(req, reply, conn)) ?? {};
    if (fault.answered) return fault.answered;
    const verified = verify(conn, req, unixSeconds(ctx.clock.now()), settings.maxSkewSeconds());
    if (verified.refused) return pipeline.refuse(req, reply, conn, verified);
    const msg = read(conn, verified);
    if ('refused' in msg) return pipeline.refuse(req, reply, conn, msg);
    const answer = await pipeline.answerOnce(conn, msg, dedupKey(msg));
    return pipeline.respond(req, reply, conn, verified, msg, fault.note ? { ...answer, notes: [...answer.notes, fault.note] } : answer);
  }

  return { handle };
}

export type EventsEndpoint = ReturnType<typeof createEventsEndpoint>;
