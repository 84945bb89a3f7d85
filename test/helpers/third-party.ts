/**
 * Typed handles on the third-party WeChat SDKs the compatibility tests use (they ship no types).
 * - `wechat` (node-webot): a developer's push-receiving server middleware.
 * - `wechat-crypto` (node-webot): the WXBizMsgCrypt port that middleware uses.
 * - `co-wechat-api`: an API client for api.weixin.qq.com.
 */
import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';

const require = createRequire(import.meta.url);

export interface WebotRequest extends IncomingMessage {
  query: Record<string, string>;
  weixin: Record<string, string>;
}
export interface WebotResponse extends ServerResponse {
  reply(content: string | Record<string, unknown>): void;
}
export type WebotMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
export const webotWechat = require('wechat') as (
  config: { token: string; appid: string; encodingAESKey?: string; checkSignature?: boolean },
  handler: (req: WebotRequest, res: WebotResponse, next: (err?: unknown) => void) => void,
) => WebotMiddleware;

export interface WechatCryptoInstance {
  getSignature(timestamp: string, nonce: string, encrypt: string): string;
  encrypt(text: string): string;
  decrypt(encrypted: string): { message: string; id: string };
}
export const WechatCrypto = require('wechat-crypto') as new (token: string, encodingAESKey: string, appid: string) => WechatCryptoInstance;

export interface CoWechatApi {
  prefix: string;
  mpPrefix: string;
  getLatestToken(): Promise<{ accessToken: string; expireTime: number }>;
  createTmpQRCode(scene: string | number, expire: number): Promise<{ ticket: string; expire_seconds: number; url: string }>;
  createLimitQRCode(scene: string | number): Promise<{ ticket: string; url: string }>;
  showQRCodeURL(ticket: string): string;
  getUser(openid: string): Promise<{ subscribe: number; openid: string; unionid?: string; qr_scene_str?: string; subscribe_scene?: string }>;
  getFollowers(next?: string): Promise<{ total: number; count: number; data: { openid: string[] }; next_openid: string }>;
  sendText(openid: string, text: string): Promise<{ errcode: number; errmsg: string }>;
}
const CoApi = require('co-wechat-api') as new (appid: string, secret: string) => CoWechatApi;

/** A co-wechat-api client pointed at the mock platform's base URL instead of WeChat's hosts. */
export function coWechatApi(appId: string, appSecret: string, wechatBase: string): CoWechatApi {
  const api = new CoApi(appId, appSecret);
  api.prefix = `${wechatBase}/cgi-bin/`;
  api.mpPrefix = `${wechatBase}/cgi-bin/`;
  return api;
}
