import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { RouteRegistry } from '../http/routes';
import { StudioError } from '../http/errors';
import { decryptDetailed, deriveAesKey, encryptDetailed, type DecryptBreakdown } from '../wechat/crypto';
import { isWechatProtocolError } from '../wechat/errors';
import { sortedSignature } from '../wechat/signature';
import {
  workbenchDecryptResultSchema,
  workbenchEncryptResultSchema,
  workbenchSignResultSchema,
  type WorkbenchBreakdown,
  type WorkbenchDecryptResult,
  type WorkbenchEncryptResult,
  type WorkbenchSignResult,
} from '../../contracts/workbench';

/**
 * The crypto workbench: encrypt, decrypt and sign arbitrary input with a chosen Token, EncodingAESKey and
 * AppID, so a developer can check their own server's output by hand. Stateless; nothing is stored or logged
 * (the inputs are secrets). Every user error is a 422 naming the field, in the studio's problem shape.
 */

const MAX_TEXT = 512 * 1024;

const text = (field: string, max = MAX_TEXT) =>
  z
    .string({ error: `${field} is required` })
    .max(max, { error: `${field} is longer than ${max} characters` });

const required = (field: string, max = MAX_TEXT) => text(field, max).min(1, { error: `${field} is required` });

const encryptBody = z.object({
  encodingAesKey: required('encodingAesKey', 64),
  appId: required('appId', 64),
  message: text('message'),
  random: z.string().max(64).optional(),
});

const decryptBody = z.object({
  encodingAesKey: required('encodingAesKey', 64),
  encrypt: required('encrypt'),
  appId: z.string().max(64).optional(),
});

const signBody = z.object({
  token: required('token', 256),
  timestamp: required('timestamp', 64),
  nonce: required('nonce', 256),
  encrypt: z.string().max(MAX_TEXT).optional(),
});

function breakdownOf(b: DecryptBreakdown): WorkbenchBreakdown {
  const printable = b.random.every((x) => x >= 0x20 && x <= 0x7e);
  return {
    aesKeyHex: b.aesKeyHex,
    ivHex: b.ivHex,
    randomHex: b.random.toString('hex'),
    randomText: printable ? b.random.toString('ascii') : null,
    length: b.length,
    padding: b.padding,
    message: b.message,
    appId: b.appId,
    cipherBytes: b.cipherBytes,
    fullBytes: b.fullBytes,
  };
}

/** The 16-byte prefix a user typed: 16 printable ASCII characters, or 32 hex digits. */
export function parseRandomPrefix(value: string): Buffer {
  if (/^[0-9a-fA-F]{32}$/.test(value)) return Buffer.from(value, 'hex');
  if (value.length === 16 && /^[\x20-\x7e]+$/.test(value)) return Buffer.from(value, 'ascii');
  throw new StudioError(
    422,
    'invalid_field',
    `random must be 16 printable ASCII characters or 32 hex digits; got ${value.length} characters`,
    'random',
  );
}

/** WechatProtocolError → 422 on the workbench field it concerns (the library names XML elements). */
function asProblem(err: unknown, fallbackField: string): never {
  if (isWechatProtocolError(err)) {
    const map: Record<string, string> = { Encrypt: 'encrypt', encodingAesKey: 'encodingAesKey', appId: 'appId' };
    const field = (err.field && map[err.field]) || fallbackField;
    throw new StudioError(422, err.code, err.message, field);
  }
  throw err;
}

export function workbenchEncrypt(input: z.infer<typeof encryptBody>): WorkbenchEncryptResult {
  const prefix = input.random ? parseRandomPrefix(input.random) : undefined;
  try {
    deriveAesKey(input.encodingAesKey);
    const r = encryptDetailed({
      encodingAesKey: input.encodingAesKey,
      appId: input.appId,
      message: input.message,
      ...(prefix ? { random: () => prefix } : {}),
    });
    return { encrypt: r.encrypt, ...breakdownOf(r.breakdown) };
  } catch (err) {
    return asProblem(err, 'encodingAesKey');
  }
}

export function workbenchDecrypt(input: z.infer<typeof decryptBody>): WorkbenchDecryptResult {
  let b: DecryptBreakdown;
  try {
    deriveAesKey(input.encodingAesKey);
  } catch (err) {
    return asProblem(err, 'encodingAesKey');
  }
  try {
    // Decrypt without the appid check so the user sees which appid the ciphertext carries.
    b = decryptDetailed({ encodingAesKey: input.encodingAesKey, encrypt: input.encrypt.trim() });
  } catch (err) {
    return asProblem(err, 'encrypt');
  }
  const expected = input.appId?.trim();
  return {
    ...breakdownOf(b),
    ...(expected ? { expectedAppId: expected, appIdOk: b.appId === expected } : {}),
  };
}

export function workbenchSign(input: z.infer<typeof signBody>): WorkbenchSignResult {
  const parts = [input.token, input.timestamp, input.nonce];
  const withEncrypt = input.encrypt !== undefined && input.encrypt.trim() !== '';
  if (withEncrypt) parts.push(input.encrypt!.trim());
  const s = sortedSignature(parts);
  return { kind: withEncrypt ? 'msg_signature' : 'signature', sorted: s.sorted, joined: s.joined, sha1: s.sha1 };
}

/** Registers POST /api/workbench/{encrypt,decrypt,sign} on the studio server. */
export function registerWorkbenchRoutes(app: FastifyInstance, routes: RouteRegistry): void {
  routes.add(app, {
    method: 'POST',
    url: '/api/workbench/encrypt',
    tag: 'workbench',
    summary: 'Encrypt a message as WeChat does (WXBizMsgCrypt), with the layout of the result',
    body: encryptBody,
    response: { 200: workbenchEncryptResultSchema },
    handler: ({ body }) => workbenchEncrypt(body),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/workbench/decrypt',
    tag: 'workbench',
    summary: 'Decrypt an Encrypt value: AES key, IV, random, length, message and appid',
    body: decryptBody,
    response: { 200: workbenchDecryptResultSchema },
    handler: ({ body }) => workbenchDecrypt(body),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/workbench/sign',
    tag: 'workbench',
    summary: 'WeChat signature: the sorted inputs, joined, and their SHA-1',
    body: signBody,
    response: { 200: workbenchSignResultSchema },
    handler: ({ body }) => workbenchSign(body),
  });
}
