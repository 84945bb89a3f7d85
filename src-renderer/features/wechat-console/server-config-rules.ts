import {
  aesKeyRequiredForMode,
  SERVER_TOKEN_REQUIRED_RULE,
  SERVER_URL_REQUIRED_RULE,
  SERVER_URL_RULE,
  TOKEN_RE,
  TOKEN_RULE,
} from '../../../src-main/contracts/rules';
import type { ServerConfig } from '../../api/types';

export type ServerConfigErrors = Partial<Record<keyof ServerConfig, string>>;

/**
 * The platform's server-configuration rules (src-main/contracts/rules), run before submitting so each field
 * says what is wrong. The messages are the contract's English rules; the form translates them when shown.
 */
export function checkServerConfig(v: ServerConfig): ServerConfigErrors {
  const e: ServerConfigErrors = {};
  const url = v.url.trim();
  if (url) {
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') e.url = SERVER_URL_RULE;
    } catch {
      e.url = SERVER_URL_RULE;
    }
  } else if (v.enabled) e.url = SERVER_URL_REQUIRED_RULE;
  if (v.token !== '' && !TOKEN_RE.test(v.token)) e.token = TOKEN_RULE;
  else if (url && v.token === '') e.token = SERVER_TOKEN_REQUIRED_RULE;
  const key = aesKeyRequiredForMode(v.mode, v.encodingAesKey);
  if (key) e.encodingAesKey = key;
  return e;
}
