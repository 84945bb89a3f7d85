import { say } from '../../../contracts/said';
import { answerSaid, isHandled } from '../answer';
import { Outcome } from '../outcome';
import type { CheckDef } from './define';

/** FWD-01 (a relay in front of the login server) and TOK-01 (access tokens), observable only in some setups. */

const normalize = (url: string): string => url.replace(/\/+$/, '').replace('://localhost', '://127.0.0.1');

export const fwd01: CheckDef = {
  id: 'FWD-01',
  title: 'A relay (mode 2) forwards login events to the login server within 5 s',
  severity: 'WARN',
  phase: 'main',
  why: 'In mode 2 your server is WeChat’s URL and forwards scan and follow events to the login server. If it alters the XML or the query, the login server refuses the event; if it forwards after a slow step, WeChat’s 5 s pass — either way the login page keeps waiting while the phone says nothing.',
  fix: 'Forward the message as received (re-signed for the login server when the modes differ), without waiting on unrelated work, and answer WeChat with the login server’s reply within 5 s.',
  async run(ctx) {
    const o = new Outcome();
    if (!ctx.observer) return o.skip(say('audit.fwd.noObserver')).done();
    if (normalize(ctx.observer.eventsUrl) === normalize(ctx.account.url)) {
      return o.skip(say('audit.fwd.notRelay')).done();
    }
    const login = await ctx.observer.newLogin();
    const started = ctx.clock.now();
    const p = await ctx.wire.push(ctx.loginSpec(say('audit.fwd.label', { login: login.label }), login.scene, login.ticket));
    o.keep(p);
    if (!isHandled(p.answer)) o.fail(say('audit.fwd.relayAnswered', { answer: answerSaid(p.answer) }));
    let n = await login.signIns();
    while (n === 0 && ctx.clock.now() - started < 5000) {
      await ctx.clock.sleep(50);
      n = await login.signIns();
    }
    const after = ctx.clock.now() - started;
    if (n >= 1) o.pass(say('audit.fwd.signedIn', { login: login.label, ms: after, relayMs: p.evidence.ms }));
    else o.fail(say('audit.fwd.notSignedIn', { login: login.label, answer: answerSaid(p.answer) }));
    return o.done();
  },
};

export const tok01: CheckDef = {
  id: 'TOK-01',
  title: 'access_token is cached and refreshed on 40001/42001',
  severity: 'WARN',
  phase: 'main',
  unobservable: say('audit.tok.unobservable'),
  why: 'Each token call invalidates the previous token after 5 minutes and the daily quota is 2000: a server that fetches a token per request fails with 40001/45009 under load, and user lookups and customer-service messages stop.',
  fix: 'Keep one token per account in shared storage, refresh it before expires_in, and on 40001/42001 refresh once and retry.',
  async run() {
    return new Outcome().skip(say('audit.tok.notObservable')).done();
  },
};
