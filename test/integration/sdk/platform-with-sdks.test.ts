import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../../src-main/core/runtime';
import { newEncodingAesKey, newToken } from '../../../src-main/core/wechat';
import type { MessageMode } from '../../../src-main/contracts/api';
import { coWechatApi, webotWechat } from '../../helpers/third-party';

interface Received {
  query: Record<string, string>;
  message: Record<string, string>;
}

/** A developer's server written with node-webot's `wechat` middleware: it records every push and replies. */
async function webotServer(config: { token: string; appid: string; encodingAESKey: string }) {
  const received: Received[] = [];
  const mw = webotWechat({ ...config, checkSignature: true }, (req, res) => {
    received.push({ query: { ...req.query }, message: req.weixin });
    const m = req.weixin;
    if (m.MsgType === 'text') res.reply(`echo: ${m.Content}`);
    else if (m.Event === 'unsubscribe') res.reply('');
    else res.reply(`welcome via ${m.Event} ${m.EventKey ?? ''}`.trim());
  });
  const server = http.createServer((req, res) => {
    (req as http.IncomingMessage & { query: Record<string, string> }).query = Object.fromEntries(new URL(req.url!, 'http://x').searchParams);
    mw(req, res, (err) => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`, received, close: () => server.close() };
}

describe.each<MessageMode>(['plaintext', 'compatible', 'safe'])('a node-webot server and a co-wechat-api client, %s mode', (mode) => {
  let rt: Runtime;
  let dev: Awaited<ReturnType<typeof webotServer>>;
  let appId: string;
  let appSecret: string;

  beforeAll(async () => {
    rt = await createRuntime({ memory: true, quiet: true, seed: 'empty', pushTimeoutMs: 3000 });
    const created = rt.platform.service.createAccount({ name: 'SDK check', type: 'service', verified: true });
    appId = created.account.appId;
    appSecret = created.appSecret;
    const token = newToken(16);
    const encodingAesKey = newEncodingAesKey();
    dev = await webotServer({ token, appid: appId, encodingAESKey: encodingAesKey });
    // Saving runs WeChat's URL verification against the SDK's server, which must echo echostr.
    await rt.platform.service.setServerConfig(appId, { url: dev.url, token, encodingAesKey, mode, enabled: true }, { verify: true });
  });
  afterAll(async () => {
    dev?.close();
    await rt?.stop();
  });

  it('issues a token, a QR code whose image decodes to its url, and a follow push the SDK accepts', async () => {
    const api = coWechatApi(appId, appSecret, rt.urls.wechat);
    const qr = await api.createTmpQRCode('login_abc123', 300);
    expect(qr.expire_seconds).toBe(300);
    expect(qr.url).toMatch(/^http:\/\/weixin\.qq\.com\/q\/\S+$/);

    const image = await fetch(api.showQRCodeURL(encodeURIComponent(qr.ticket)));
    expect(image.status).toBe(200);
    const png = PNG.sync.read(Buffer.from(await image.arrayBuffer()));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(qr.url);

    const persona = rt.platform.service.createPersona({ name: 'New user' });
    const profile = await rt.platform.service.scan(persona.id, qr.url);
    expect(profile.screen).toBe('profile');
    expect(dev.received).toHaveLength(0);

    const chat = await rt.platform.service.follow(persona.id, appId);
    expect(dev.received).toHaveLength(1);
    const push = dev.received[0]!;
    expect(push.message).toMatchObject({ MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_login_abc123', Ticket: qr.ticket });
    expect(push.query.openid).toBe(push.message.FromUserName);
    expect(push.query.encrypt_type).toBe(mode === 'plaintext' ? undefined : 'aes');
    expect(chat.screen).toBe('chat');
    expect(chat.messages?.map((m) => m.text)).toContain('welcome via subscribe qrscene_login_abc123');

    const user = await api.getUser(push.message.FromUserName!);
    expect(user.subscribe).toBe(1);
    expect(user.qr_scene_str).toBe('login_abc123');
  });

  it('sends SCAN with the bare scene to a follower, and text with a MsgId', async () => {
    const api = coWechatApi(appId, appSecret, rt.urls.wechat);
    const qr = await api.createTmpQRCode('again_42', 120);
    const persona = rt.platform.service.createPersona({ name: 'Follower' });
    await rt.platform.service.follow(persona.id, appId);
    const before = dev.received.length;
    const chat = await rt.platform.service.scan(persona.id, qr.url);
    const scan = dev.received[before]!;
    expect(scan.message).toMatchObject({ Event: 'SCAN', EventKey: 'again_42', Ticket: qr.ticket });
    expect(chat.messages?.at(-1)?.text).toBe('welcome via SCAN again_42');

    const texted = await rt.platform.service.sendMessage(persona.id, appId, '你好 hello');
    const text = dev.received.at(-1)!;
    expect(text.message).toMatchObject({ MsgType: 'text', Content: '你好 hello' });
    expect(text.message.MsgId).toMatch(/^\d+$/);
    expect(texted.messages?.at(-1)).toMatchObject({ from: 'account', text: 'echo: 你好 hello' });
  });

  it('lets the API client list followers and send a customer-service message to the phone', async () => {
    const api = coWechatApi(appId, appSecret, rt.urls.wechat);
    const persona = rt.platform.service.createPersona({ name: 'Reader' });
    await rt.platform.service.follow(persona.id, appId);
    const openId = rt.platform.service.openId(persona.id, appId);
    const followers = await api.getFollowers();
    expect(followers.data.openid).toContain(openId);
    const sent = await api.sendText(openId, 'Your order shipped');
    expect(sent.errcode).toBe(0);
    const chat = rt.platform.service.phone(persona.id).chats.find((c) => c.appId === appId);
    expect(chat?.messages.at(-1)).toMatchObject({ from: 'account', text: 'Your order shipped' });
  });
});
