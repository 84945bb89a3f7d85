import { aesKeyRequiredForMode, TOKEN_RE, TOKEN_RULE } from '../../../src-main/contracts/rules';
import type { ServerConfig } from '../../api/types';

export type ServerConfigErrors = Partial<Record<keyof ServerConfig, string>>;

/** The platform's server-configuration rules (src-main/contracts/rules), run before submitting so each field says what is wrong. */
export function checkServerConfig(v: ServerConfig): ServerConfigErrors {
  const e: ServerConfigErrors = {};
  const url = v.url.trim();
  if (url) {
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') e.url = 'url must start with http:// or https:// and name a host';
    } catch {
      e.url = 'url must start with http:// or https:// and name a host';
    }
  } else if (v.enabled) e.url = 'url is required to enable the server configuration';
  if (v.token !== '' && !TOKEN_RE.test(v.token)) e.token = TOKEN_RULE;
  else if (url && v.token === '') e.token = 'token is required with a url';
  const key = aesKeyRequiredForMode(v.mode, v.encodingAesKey);
  if (key) e.encodingAesKey = key;
  return e;
}
