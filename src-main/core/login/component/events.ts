import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SignatureStep } from '../../../contracts/api';
import type { CoreContext } from '../../context';
import { redactSignatureStep } from '../../journal/redact';
import { openPush, sealReply, type OpenedPush } from '../../wechat/envelope';
import { WechatProtocolError } from '../../wechat/errors';
import { newNonce } from '../../wechat/ids';
import { readMessage, textReplyXml, type InboundMessage } from '../../wechat/messages';
import { dedupKey } from '../events-endpoint';
import type { LoginRepo } from '../repo';
import type { ScanFlow, ScanResult } from '../scan-flow';
import { unixSeconds } from '../util';
import type { ComponentClient } from './client';
import type { Links } from './links';
import type { ComponentConfigRow, ComponentRepo } from './repo';

type JournalInput = Parameters<CoreContext['journal']['record']>[0];

export interface ComponentEventsDeps {
  ctx: CoreContext;
  repo: ComponentRepo;
  login: LoginRepo;
  client: ComponentClient;
  links: Links;
  flow: ScanFlow;
  maxSkewSeconds(): number;
}

/**
 * The two URLs the login server serves as a third-party platform (spec §2, §4, §8, §14): the
 * authorization-event URL (verify tickets; authorized, updateauthorized, unauthorized) and the message URL
 * (`…/$APPID$/events`: the authorized accounts' user events, which log users in through the same scan flow
 * as the events endpoint). Both only take pushes encrypted with the platform's Token and EncodingAESKey and
 * the platform's AppID in the ciphertext; a refusal is short, its reason goes to the journal.
 */
export function createComponentEvents({ ctx, repo, login, client, links, flow, maxSkewSeconds }: ComponentEventsDeps) {
  const background = new Set<Promise<unknown>>();

  function entry(req: FastifyRequest, appId: string | undefined, status: number, body: string, ok: boolean, summary: string, reasons: string[], opened?: OpenedPush, token = '', reply?: string): JournalInput {
    const steps = opened?.steps;
    const signatures: SignatureStep[] = [];
    for (const s of [steps?.signature, steps?.msgSignature]) {
      if (s) signatures.push(redactSignatureStep({ label: s.name, sorted: s.sorted, joined: s.joined, sha1: s.sha1, expected: s.expected, ok: true }, token));
    }
    return {
      kind: 'event',
      source: 'auth',
      ...(appId ? { appId } : {}),
      url: `${ctx.urls.auth}${req.url}`,
      summary,
      attempts: [
        {
          request: { method: req.method, url: req.url, headers: {}, body: typeof req.body === 'string' ? req.body : '' },
          response: { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body },
          ms: 0,
        },
      ],
      verdict: { ok, reasons },
      ...(opened ? { decrypted: { request: opened.xml, ...(reply ? { reply } : {}) } } : {}),
      ...(signatures.length ? { signatures } : {}),
    };
  }

  /** Verifies and decrypts a push with the platform's keys; answers the refusal itself when that fails. */
  function open(req: FastifyRequest, reply: FastifyReply, cfg: ComponentConfigRow, skew: boolean): OpenedPush | FastifyReply {
    const refuse = (status: number, reason: string, opened?: OpenedPush): FastifyReply => {
      ctx.journal.record(entry(req, cfg.componentAppId, status, 'refused', false, `refused: ${reason.slice(0, 80)}`, [reason], opened, cfg.token));
      return reply.status(status).type('text/plain; charset=utf-8').send('refused');
    };
    if (typeof req.body !== 'string') return refuse(400, 'the push body must be XML text');
    try {
      const max = maxSkewSeconds();
      const opened = openPush({
        query: req.query as Record<string, string | undefined>,
        body: req.body,
        token: cfg.token,
        encodingAesKey: cfg.aesKey,
        appId: cfg.componentAppId,
        now: unixSeconds(ctx.clock.now()),
        ...(skew && max > 0 ? { maxSkewSeconds: max } : {}),
      });
      if (opened.mode !== 'encrypted') return refuse(400, 'third-party platform pushes are always encrypted (encrypt_type=aes with msg_signature); this one was plaintext', opened);
      return opened;
    } catch (err) {
      if (err instanceof WechatProtocolError) return refuse(err.code === 'signature-mismatch' ? 401 : 400, err.message);
      throw err;
    }
  }

  const text = (o: OpenedPush, name: string): string => {
    const v = o.record[name];
    return typeof v === 'string' ? v.trim() : '';
  };

  /** What a notice does; completing an authorization runs after the answer (WeChat waits at most 5 s). */
  function act(poolId: string, o: OpenedPush): { summary: string; later?: () => Promise<unknown> } {
    const info = text(o, 'InfoType');
    if (info === 'component_verify_ticket') {
      repo.configTicket.run(text(o, 'ComponentVerifyTicket'), ctx.clock.now(), poolId);
      ctx.bus.publish({ type: 'changed', topic: 'pools', id: poolId });
      return { summary: 'component_verify_ticket → stored' };
    }
    const appId = text(o, 'AuthorizerAppid');
    if (info === 'unauthorized') {
      const link = repo.linkInPoolByAuthorizer.get(poolId, appId);
      if (!link) return { summary: `unauthorized ${appId} → no identity source is connected to it` };
      links.disconnect(poolId, link.identifier, `The account cancelled the authorization on ${new Date(ctx.clock.now()).toISOString()}.`);
      return { summary: `unauthorized ${appId} → "${link.identifier}" is not connected any more` };
    }
    if (info === 'authorized' || info === 'updateauthorized') {
      const code = text(o, 'AuthorizationCode');
      const link = repo.linkByPreAuthCode.get(poolId, text(o, 'PreAuthCode')) ?? repo.linkInPoolByAuthorizer.get(poolId, appId);
      if (!link) return { summary: `${info} ${appId} → no authorization of this pool is waiting for it` };
      return { summary: `${info} ${appId} → completing "${link.identifier}"`, later: () => links.complete(poolId, link.identifier, code) };
    }
    return { summary: `${info || 'unknown InfoType'} → acknowledged` };
  }

  async function authEvent(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { poolId } = req.params as { poolId: string };
    const cfg = client.find(poolId);
    if (!cfg) {
      ctx.journal.record(entry(req, undefined, 404, 'unknown', false, 'refused: no third-party platform here', [`user pool ${poolId} has no third-party platform configured`]));
      return reply.status(404).type('text/plain; charset=utf-8').send('unknown');
    }
    const opened = open(req, reply, cfg, false);
    if (!('xml' in opened)) return opened;
    const done = act(poolId, opened);
    ctx.journal.record(entry(req, text(opened, 'AuthorizerAppid') || cfg.componentAppId, 200, 'success', true, done.summary, [], opened, cfg.token));
    if (done.later) {
      const p = done.later().catch((err: unknown) => {
        ctx.journal.record(entry(req, cfg.componentAppId, 200, 'success', false, `completing the authorization failed: ${(err as Error).message.slice(0, 80)}`, [(err as Error).message]));
      });
      background.add(p);
      void p.finally(() => background.delete(p));
    }
    return reply.status(200).type('text/plain; charset=utf-8').send('success');
  }

  async function messageEvent(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { poolId, appId } = req.params as { poolId: string; appId: string };
    const cfg = client.find(poolId);
    const link = cfg ? repo.linkInPoolByAuthorizer.get(poolId, appId) : undefined;
    const conn = link ? login.q.connGet.get(poolId, link.identifier) : undefined;
    if (!cfg || !link || !conn) {
      ctx.journal.record(entry(req, appId, 404, 'unknown', false, 'refused: no connected identity source for this account', [`no identity source of pool ${poolId} is connected to ${appId}`]));
      return reply.status(404).type('text/plain; charset=utf-8').send('unknown');
    }
    const opened = open(req, reply, cfg, true);
    if (!('xml' in opened)) return opened;
    let msg: InboundMessage;
    try {
      msg = readMessage(opened.record);
    } catch (err) {
      if (!(err instanceof WechatProtocolError)) throw err;
      ctx.journal.record(entry(req, appId, 400, 'refused', false, 'refused: unreadable message', [err.message], opened, cfg.token));
      return reply.status(400).type('text/plain; charset=utf-8').send('refused');
    }
    const key = dedupKey(msg);
    const previous = login.q.eventGet.get(poolId, link.identifier, key);
    let replyXml = previous?.reply ?? '';
    let summary = previous ? `duplicate (${previous.outcome}); same answer` : '';
    let scan: ScanResult | null = null;
    const scene = msg.kind === 'scan' || msg.kind === 'subscribe' ? msg.scene : undefined;
    if (!previous) {
      if (scene !== undefined) scan = await flow.onScan({ conn, scene, openId: msg.fromUserName });
      replyXml = scan?.replyText != null ? textReplyXml({ toUserName: msg.fromUserName, fromUserName: msg.toUserName, createTime: unixSeconds(ctx.clock.now()), content: scan.replyText }) : '';
      summary = scan?.outcome ?? `${msg.kind === 'other' ? (msg.event ?? msg.msgType) : msg.kind}: acknowledged`;
    }
    const body = replyXml
      ? sealReply({ token: cfg.token, encodingAesKey: cfg.aesKey, appId: cfg.componentAppId, replyXml, timestamp: unixSeconds(ctx.clock.now()), nonce: newNonce(ctx.random) })
      : 'success';
    const label = msg.kind === 'scan' ? 'SCAN' : msg.kind === 'other' ? (msg.event ?? msg.msgType) : msg.kind;
    const journal = entry(req, appId, 200, body, true, `${label} via third-party platform → ${summary}`, scan?.notes ?? [], opened, cfg.token, replyXml);
    login.tx(() => {
      if (!previous) {
        scan?.apply();
        login.q.eventInsert.run({
          poolId,
          connection: link.identifier,
          dedupKey: key,
          at: ctx.clock.now(),
          kind: label,
          openId: msg.fromUserName,
          scene: scene ?? null,
          sessionId: scan?.sessionId ?? null,
          outcome: summary,
          reply: replyXml,
        });
      }
      ctx.journal.record(journal);
    });
    scan?.announce();
    return reply.status(200).type(replyXml ? 'text/xml; charset=utf-8' : 'text/plain; charset=utf-8').send(body);
  }

  return {
    authEvent,
    messageEvent,
    /** Completions still running (shutdown waits for them). */
    settle: (): Promise<unknown> => Promise.allSettled([...background]),
  };
}

export type ComponentEvents = ReturnType<typeof createComponentEvents>;
