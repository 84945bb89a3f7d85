import { expect } from 'vitest';
import type { Account, PhoneScreen, Persona } from '../../../src-main/contracts/api';
import type { DevServer } from './dev-server';
import type { World } from './world';

export const TOKEN = 'devToken123';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

export interface Fixture {
  appId: string;
  appSecret: string;
  originalId: string;
  personaId: string;
  openId: string;
}

export async function makeAccount(w: World, dev: DevServer, mode: 'plaintext' | 'compatible' | 'safe'): Promise<Fixture> {
  const created = await w.api<Account & { appSecret: string }>('POST', '/api/wechat/accounts', { name: 'Acme', type: 'service', verified: true });
  expect(created.status).toBe(201);
  const { appId, appSecret, originalId } = created.body;
  const saved = await w.api('PUT', `/api/wechat/accounts/${appId}/server`, { url: dev.url, token: TOKEN, encodingAesKey: AES_KEY, mode, enabled: true });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const persona = await w.api<Persona>('POST', '/api/wechat/personas', { name: 'Lin' });
  expect(persona.status).toBe(201);
  const openId = persona.body.accounts.find((a) => a.appId === appId)!.openId;
  return { appId, appSecret, originalId, personaId: persona.body.id, openId };
}

export async function accessToken(w: World, f: Fixture): Promise<string> {
  const r = await w.wx<{ access_token: string }>('GET', `/cgi-bin/token?grant_type=client_credential&appid=${f.appId}&secret=${f.appSecret}`);
  expect(r.body.access_token, JSON.stringify(r.body)).toBeTypeOf('string');
  return r.body.access_token;
}

export async function createQr(w: World, token: string, body: unknown): Promise<{ ticket: string; url: string; expire_seconds?: number }> {
  const r = await w.wx<{ ticket: string; url: string; expire_seconds?: number }>('POST', `/cgi-bin/qrcode/create?access_token=${encodeURIComponent(token)}`, body);
  expect(r.body.ticket, JSON.stringify(r.body)).toBeTypeOf('string');
  return r.body;
}

export async function phone(w: World, personaId: string, action: string, body: unknown): Promise<PhoneScreen> {
  const r = await w.api<PhoneScreen>('POST', `/api/phone/${personaId}/${action}`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}
