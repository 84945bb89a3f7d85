import type { TFunction } from 'i18next';
import { PAGE_TEXT } from '../../src-main/contracts/login-messages';
import { APP_NAME_RULE, CONNECTION_RULES, PASSWORD_RULE, POOL_NAME_RULE, USERNAME_RULE } from '../../src-main/contracts/login-rules';
import {
  AES_KEY_REQUIRED_RULE,
  AES_KEY_RULE,
  APPID_RULE,
  IDENTIFIER_RULE,
  MESSAGE_MODE_RULE,
  SERVER_TOKEN_REQUIRED_RULE,
  SERVER_URL_REQUIRED_RULE,
  SERVER_URL_RULE,
  TOKEN_RULE,
} from '../../src-main/contracts/rules';
import type { ErrorInfo } from '../store/errors';
import type { Catalogue } from './catalogue';

type RuleKey = keyof Catalogue['rules'];
type FieldKey = keyof Catalogue['fields'];
type NounKey = keyof Catalogue['errors']['nouns'];

/**
 * The contract's rule texts (what the API and the shared form checks say) → their catalogue entries. The
 * server stays English — scripts and the journal read it — and the studio shows each rule in its language.
 */
const RULES: ReadonlyArray<readonly [string, RuleKey]> = [
  [TOKEN_RULE, 'token'],
  [CONNECTION_RULES.token, 'token'],
  [AES_KEY_RULE, 'encodingAesKey'],
  [CONNECTION_RULES.encodingAesKey, 'encodingAesKey'],
  [AES_KEY_REQUIRED_RULE, 'encodingAesKeyRequired'],
  [CONNECTION_RULES.encodingAesKeyRequired, 'encodingAesKeyRequired'],
  [IDENTIFIER_RULE, 'identifier'],
  [CONNECTION_RULES.identifier, 'identifier'],
  [CONNECTION_RULES.identifierRequired, 'identifierRequired'],
  [CONNECTION_RULES.identifierImmutable, 'identifierImmutable'],
  [APPID_RULE, 'appId'],
  [CONNECTION_RULES.appId, 'appId'],
  [CONNECTION_RULES.appSecret, 'appSecret'],
  [CONNECTION_RULES.appSecretRequired, 'appSecretRequired'],
  [CONNECTION_RULES.displayName, 'displayName'],
  [MESSAGE_MODE_RULE, 'mode'],
  [CONNECTION_RULES.mode, 'mode'],
  [CONNECTION_RULES.loginMode, 'loginMode'],
  [CONNECTION_RULES.association, 'association'],
  [CONNECTION_RULES.qrExpireSeconds, 'qrExpireSeconds'],
  [SERVER_URL_RULE, 'serverUrl'],
  [SERVER_URL_REQUIRED_RULE, 'serverUrlRequired'],
  [SERVER_TOKEN_REQUIRED_RULE, 'serverTokenRequired'],
  [POOL_NAME_RULE, 'poolName'],
  [APP_NAME_RULE, 'appName'],
  [USERNAME_RULE, 'username'],
  [PASSWORD_RULE, 'password'],
  [PAGE_TEXT.loginOnlyRejected, 'loginOnlyRejected'],
  [PAGE_TEXT.expired, 'sessionExpired'],
  [PAGE_TEXT.cancelled, 'sessionCancelled'],
  [PAGE_TEXT.tooManyBindFailures, 'tooManyBindFailures'],
  [PAGE_TEXT.wrongPassword, 'wrongPassword'],
  [PAGE_TEXT.alreadyBound, 'alreadyBound'],
  [PAGE_TEXT.noConnection, 'noConnection'],
  [PAGE_TEXT.qrUnavailable, 'qrUnavailable'],
];
const RULE_BY_TEXT = new Map<string, RuleKey>(RULES);

const FIELDS: ReadonlySet<string> = new Set<FieldKey>([
  'url',
  'token',
  'encodingAesKey',
  'mode',
  'enabled',
  'appId',
  'appSecret',
  'identifier',
  'displayName',
  'loginMode',
  'association',
  'qrExpireSeconds',
  'name',
  'type',
  'verified',
  'ipWhitelist',
  'permissions',
  'unionId',
  'username',
  'password',
  'nickname',
  'poolId',
  'personaId',
  'openId',
  'connection',
  'message',
  'random',
  'encrypt',
  'timestamp',
  'nonce',
  'content',
  'text',
  'forwardTo',
]);

/** The server's English nouns in "<noun> "<id>" does not exist" (src-main/core/http/errors.ts notFound). */
const NOUNS: Record<string, NounKey> = {
  account: 'account',
  persona: 'persona',
  'user pool': 'pool',
  connection: 'connection',
  application: 'application',
  user: 'user',
  'login session': 'session',
  'journal entry': 'journalEntry',
};

/** The field's label in the current language ("ipWhitelist.2" → the whitelist's label), or null. */
export function fieldLabel(t: TFunction, field: string | undefined): string | null {
  const name = (field ?? '').replace(/^body\./, '').split('.').pop() ?? '';
  const base = (field ?? '').replace(/^body\./, '').split('.')[0] ?? '';
  if (FIELDS.has(name)) return t(`fields.${name as FieldKey}`);
  if (FIELDS.has(base)) return t(`fields.${base as FieldKey}`);
  return null;
}

/** A rule text of the contract (a form check or the server's 422), in the current language; others as they are. */
export function translateRule(t: TFunction, message: string): string {
  const key = RULE_BY_TEXT.get(message.trim());
  return key ? t(`rules.${key}`) : message;
}

function withoutFieldPrefix(message: string, field: string | undefined): string {
  if (!field) return message;
  const prefix = `${field.replace(/^body\./, '')}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message.replace(/^[\w.]+: /, '');
}

function byCode(t: TFunction, e: ErrorInfo, rest: string): string | null {
  const label = fieldLabel(t, e.field);
  switch (e.code) {
    case 'network':
      return t('errors.network');
    case 'unauthorized':
      return t('errors.unauthorized');
    case 'forbidden_host':
      return t('errors.forbiddenHost');
    case 'internal':
      return t('errors.internal');
    case 'not_found': {
      const m = /^(.+?) "(.*)" does not exist$/.exec(rest);
      const noun = m ? NOUNS[m[1]!] : undefined;
      return noun ? t('errors.notFound', { what: t(`errors.nouns.${noun}`), id: m![2] }) : null;
    }
    case 'conflict':
      if (e.field === 'identifier') return t('errors.conflict.identifier');
      if (e.field === 'username') return t('errors.conflict.username');
      if (e.field === 'unionId') return t('errors.conflict.unionId');
      if (e.field === 'openId') return t('errors.conflict.openId');
      return null;
    case 'url_verification_failed':
      return t('errors.urlVerificationFailed', { reason: rest.replace(/^URL verification failed: /, '') });
    case 'not_following':
      return t('errors.notFollowing');
    case 'not_open':
    case 'not_binding':
      return t('errors.sessionClosed');
    case 'unavailable':
      return t('errors.unavailable');
    case 'wechat_error':
      return t('errors.wechatError', { detail: rest });
    case 'invalid_field':
      if (label && /^[\w.]+ is required$/.test(rest)) return t('errors.required', { field: label });
      return label ? t('errors.invalidField', { field: label, detail: rest }) : null;
    default: {
      const http = /^http_(\d{3})$/.exec(e.code);
      return http ? t('errors.http', { status: http[1] }) : null;
    }
  }
}

/**
 * A failure in the current language: a known rule text first (the most precise), then the code (with the
 * field's label), and the server's own text when the studio does not know the code.
 */
export function describeError(t: TFunction, e: ErrorInfo): string {
  const rest = withoutFieldPrefix(e.message, e.field);
  const rule = RULE_BY_TEXT.get(rest.trim());
  if (rule) return t(`rules.${rule}`);
  return byCode(t, e, rest) ?? e.message;
}

/** Warnings the platform adds to a saved server configuration (src-main/core/platform/service.ts). */
export function translateWarning(t: TFunction, warning: string): string {
  const port = /^port (\d+): WeChat accepts only port (\d+) for (https?) URLs/.exec(warning);
  return port ? t('wechat.server.portWarning', { port: port[1], expected: port[2], scheme: port[3] }) : warning;
}
