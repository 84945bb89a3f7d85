import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentLinkDto } from '../../../contracts/open-platform';
import { say, verbatim, type Said } from '../../../contracts/said';
import type { CoreContext } from '../../context';
import { note } from '../../journal/recorder';
import type { KnownSecret } from '../../journal/redact';
import { verdictSteps } from '../../receiver/refusal';
import type { OpenedPush } from '../../wechat/envelope';
import { errorSaid } from '../../wechat/errors';
import { dedupKey } from '../events/dedup';
import type { EventPipeline } from '../events/pipeline';
import { read, refusal, verify, type PushKeys, type Refusal, type Verified } from '../events/verify';
import type { LoginRepo } from '../repo';
import { unixSeconds } from '../util';
import type { ComponentClient } from './client';
import type { Links } from './links';
import type { ComponentConfigRow, ComponentRepo } from './repo';

export interface ComponentEventsDeps {
  ctx: CoreContext;
  repo: ComponentRepo;
  login: LoginRepo;
  client: ComponentClient;
  links: Links;
  pipeline: EventPipeline;
  maxSkewSeconds(): number;
}

/** A platform's pushes are sealed with its Token and EncodingAESKey, its AppID inside the ciphertext (§2). */
const keysOf = (cfg: ComponentConfigRow): PushKeys => ({ token: cfg.token, encodingAesKey: cfg.aesKey, appId: cfg.componentAppId });

const secretsOf = (cfg: ComponentConfigRow): KnownSecret[] => [
  { value: cfg.token, label: 'Token' },
  { value: cfg.aesKey, label: 'EncodingAESKey' },
  { value: cfg.componentAppSecret, label: 'AppSecret' },
];

const text = (o: OpenedPush, name: string): string => {
  const v = o.record[name];
  return typeof v === 'string' ? v.trim() : '';
};

/** The journal's line for an identity source connected by authorization. */
export function authorizedSaid(identifier: string, link: Pick<ComponentLinkDto, 'authorizer'>): Said {
  return say('login.component.authorized', { identifier, nickName: link.authorizer?.nickName ?? '', userName: link.authorizer?.userName ?? '' });
}

/**
 * The two URLs the login server serves as a third-party platform (spec §2, §4, §8, §14): the
 * authorization-event URL (verify tickets; authorized, updateauthorized, unauthorized) and the message URL
 * (`…/$APPID$/events`: the authorized accounts' user events). Both take only pushes encrypted with the
 * platform's keys. The message URL then runs the events endpoint's own steps — dedup, decide, commit,
 * respond (../events/pipeline.ts) — on the identity source connected to the account, so a user logs in
 * exactly as through the events endpoint. A refusal answers a short fixed text; why goes to the journal.
 */
export function createComponentEvents({ ctx, repo, login, client, links, pipeline, maxSkewSeconds }: ComponentEventsDeps) {
  const background = new Set<Promise<unknown>>();

  /** Step "verify" with the platform's keys, then: third-party platform pushes are never plaintext. */
  function open(req: FastifyRequest, cfg: ComponentConfigRow, maxSkew: number): Verified | Refusal {
    const v = verify(keysOf(cfg), req, unixSeconds(ctx.clock.now()), maxSkew);
    if (v.refused) return v;
    if (!v.encrypted) return refusal(400, say('refusal.componentPlaintext'), v.opened);
    return v;
  }

  /** Completes an authorization after the answer (WeChat waits at most 5 s); the outcome gets its own entry. */
  function completeLater(poolId: string, identifier: string, code: string, cfg: ComponentConfigRow): void {
    const entry = (ok: boolean, summary: Said, reasons: Said[], appId?: string): void => {
      ctx.journal.record({ kind: 'event', source: 'auth', ...(appId ? { appId } : {}), url: client.urls(poolId).authEventUrl, summary, attempts: [], verdict: { ok, reasons } }, secretsOf(cfg));
    };
    const p = links.complete(poolId, identifier, code).then(
      (link) => entry(true, authorizedSaid(identifier, link), link.note ? [verbatim(link.note)] : [], link.authorizer?.appId),
      (err: unknown) => entry(false, say('login.component.completeFailed', { identifier }), [errorSaid(err)]),
    );
    background.add(p);
    void p.finally(() => background.delete(p));
  }

  /** What a notice does. */
  function act(poolId: string, cfg: ComponentConfigRow, o: OpenedPush): Said {
    const info = text(o, 'InfoType');
    if (info === 'component_verify_ticket') {
      repo.configTicket.run(text(o, 'ComponentVerifyTicket'), ctx.clock.now(), poolId);
      return say('login.component.ticketStored');
    }
    const appId = text(o, 'AuthorizerAppid');
    if (info === 'unauthorized') {
      const link = repo.linkInPoolByAuthorizer.get(poolId, appId);
      if (!link) return say('login.component.unauthorizedUnknown', { appId });
      links.disconnect(poolId, link.identifier, `The account cancelled the authorization on ${new Date(ctx.clock.now()).toISOString()}.`);
      return say('login.component.unauthorized', { appId, identifier: link.identifier });
    }
    if (info === 'authorized' || info === 'updateauthorized') {
      const link = repo.linkByPreAuthCode.get(poolId, text(o, 'PreAuthCode')) ?? repo.linkInPoolByAuthorizer.get(poolId, appId);
      if (!link) return say('login.component.authorizedUnknown', { info, appId });
      completeLater(poolId, link.identifier, text(o, 'AuthorizationCode'), cfg);
      return say('login.component.authorizedCompleting', { info, appId, identifier: link.identifier });
    }
    return info ? say('login.component.acknowledged', { info }) : say('login.component.unknownAcknowledged');
  }

  /** `/component/{poolId}/events`: the authorization-event URL. */
  async function authEvent(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { poolId } = req.params as { poolId: string };
    const cfg = client.find(poolId);
    note(req, { kind: 'event', ...(cfg ? { appId: cfg.componentAppId, secrets: secretsOf(cfg) } : {}) });
    if (!cfg) return pipeline.refuse(req, reply, undefined, refusal(404, say('refusal.noComponent', { poolId })));
    // Notices carry no user action to replay: WeChat's timestamp window is not applied to them.
    const v = open(req, cfg, 0);
    if (v.refused) return pipeline.refuse(req, reply, keysOf(cfg), v);
    const summary = act(poolId, cfg, v.opened);
    const appId = text(v.opened, 'AuthorizerAppid');
    note(req, { ...(appId ? { appId } : {}), summary, verdict: { ok: true, reasons: [] }, decrypted: { request: v.opened.xml }, ...verdictSteps(v.opened, cfg.token, cfg.componentAppId) });
    return reply.status(200).type('text/plain; charset=utf-8').send('success');
  }

  /** `/component/{poolId}/{appId}/events`: the message URL of an authorized account. */
  async function messageEvent(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { poolId, appId } = req.params as { poolId: string; appId: string };
    const cfg = client.find(poolId);
    const link = cfg ? repo.linkInPoolByAuthorizer.get(poolId, appId) : undefined;
    const conn = link ? login.q.connGet.get(poolId, link.identifier) : undefined;
    note(req, { kind: 'event', appId, ...(cfg ? { secrets: secretsOf(cfg) } : {}) });
    if (!cfg || !conn) return pipeline.refuse(req, reply, undefined, refusal(404, say('refusal.noAuthorizedSource', { poolId, appId })));
    const v = open(req, cfg, maxSkewSeconds());
    if (v.refused) return pipeline.refuse(req, reply, keysOf(cfg), v);
    const msg = read(conn, v);
    if ('refused' in msg) return pipeline.refuse(req, reply, keysOf(cfg), msg);
    const answer = await pipeline.answerOnce(conn, msg, dedupKey(msg));
    return pipeline.respond(req, reply, keysOf(cfg), v, msg, answer, true);
  }

  return {
    authEvent,
    messageEvent,
    /** Completions still running (shutdown waits for them). */
    settle: (): Promise<unknown> => Promise.allSettled([...background]),
  };
}

export type ComponentEvents = ReturnType<typeof createComponentEvents>;
