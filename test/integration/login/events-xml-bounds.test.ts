import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newOpenId } from '../../../src-main/core/wechat/ids';
import { count, newSession, push, sessionView, startWorld, xml, type World } from './helpers';

/**
 * XML that once took the events endpoint minutes to parse (each repeated element name cost a scan of all the
 * earlier ones), blocking every other request meanwhile. Signed correctly, so it reaches the parser.
 */
describe('events endpoint: XML with many elements', () => {
  let w: World;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(() => w.stop());

  it('refuses a 1 MB push of repeated elements at once, plaintext or encrypted, and keeps serving logins', async () => {
    const flood = `<xml>${'<a>1</a>'.repeat(120_000)}</xml>`;
    const events = count(w, 'login_events');
    const plain = await push(w.conn.eventsUrl, { mode: 'plaintext', token: w.secrets.token, appId: w.conn.appId, openId: newOpenId(), messageXml: flood });
    expect(plain.status).toBe(400);
    const inner = `<xml>${'<a>1</a>'.repeat(85_000)}</xml>`;
    const encrypted = await push(w.conn.eventsUrl, { mode: 'safe', token: w.secrets.token, encodingAesKey: w.secrets.encodingAesKey, appId: w.conn.appId, openId: newOpenId(), messageXml: inner });
    expect(encrypted.sealedBody.length).toBeLessThan(1_048_576);
    expect(encrypted.status).toBe(400);
    expect(count(w, 'login_events')).toBe(events);

    const s = await newSession(w);
    const openId = newOpenId();
    const ok = await push(w.conn.eventsUrl, { mode: 'safe', token: w.secrets.token, encodingAesKey: w.secrets.encodingAesKey, appId: w.conn.appId, openId, messageXml: xml.subscribe(openId, s.scene) });
    expect(ok.status).toBe(200);
    expect((await sessionView(w, s.id)).status).toBe('AUTHORIZED');
  });
});
