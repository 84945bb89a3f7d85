import { z } from 'zod';

/**
 * Validation rules shared by the engine's API checks and the studio's forms, so both say the same thing.
 * Pure: no Node imports, this file is bundled into the renderer.
 */

/** The console's rule for Token: "English letters or digits, 3–32 characters" (§1). */
export const TOKEN_RE = /^[A-Za-z0-9]{3,32}$/;
/** Base64 text of a 32-byte key without its trailing `=` (§1, §4.1). */
export const AES_KEY_RE = /^[A-Za-z0-9]{43}$/;
/** Names usable in URLs and file names: lower-case letters, digits and `-`, 1–31 characters. */
export const IDENTIFIER_RE = /^[a-z0-9-]{1,31}$/;
export const APPID_RE = /^wx[0-9a-f]{16}$/;

export const TOKEN_RULE = 'Token must be 3–32 English letters or digits';
export const AES_KEY_RULE = 'EncodingAESKey must be exactly 43 English letters or digits';
export const IDENTIFIER_RULE = 'Identifier must be 1–31 lower-case letters, digits or hyphens';
export const APPID_RULE = 'AppID must be "wx" followed by 16 lower-case hex digits';
export const MESSAGE_MODE_RULE = 'Message mode must be plaintext, compatible or safe';

export const tokenSchema = z.string({ error: TOKEN_RULE }).regex(TOKEN_RE, { error: TOKEN_RULE });
export const encodingAesKeySchema = z.string({ error: AES_KEY_RULE }).regex(AES_KEY_RE, { error: AES_KEY_RULE });
export const identifierSchema = z.string({ error: IDENTIFIER_RULE }).regex(IDENTIFIER_RE, { error: IDENTIFIER_RULE });
export const appIdSchema = z.string({ error: APPID_RULE }).regex(APPID_RE, { error: APPID_RULE });

export const messageModeSchema = z.enum(['plaintext', 'compatible', 'safe'], {
  error: MESSAGE_MODE_RULE,
});
export type MessageMode = z.infer<typeof messageModeSchema>;

export const AES_KEY_REQUIRED_RULE = 'EncodingAESKey is required in compatible and safe mode';

/** Server configuration: the URL's form, and what an enabled configuration needs. */
export const SERVER_URL_RULE = 'url must start with http:// or https:// and name a host';
export const SERVER_URL_REQUIRED_RULE = 'URL is required to enable the server configuration';
export const SERVER_TOKEN_REQUIRED_RULE = 'Token is required with a URL';

/**
 * Cross-field rule: the key may be blank only in plaintext mode; when present it must be well formed.
 * Returns the message to show next to the key field, or null when the pair is acceptable.
 */
export function aesKeyRequiredForMode(mode: MessageMode, key: string | null | undefined): string | null {
  const blank = key === undefined || key === null || key.trim() === '';
  if (blank) return mode === 'plaintext' ? null : AES_KEY_REQUIRED_RULE;
  return AES_KEY_RE.test(key) ? null : AES_KEY_RULE;
}

/**
 * Characters an XML 1.0 document cannot carry (control characters other than tab, line feed and carriage
 * return, U+FFFE/U+FFFF, lone surrogates). WeChat's messages are XML, so text that goes into one is refused
 * with these before anything is stored.
 */
const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function xmlUnsafeCharacter(text: string): string | null {
  const m = XML_UNSAFE.exec(text);
  return m ? `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}
