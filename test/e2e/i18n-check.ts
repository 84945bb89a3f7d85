import type { Frame, Page } from '@playwright/test';
import type { JournalEntry, Said } from '../../src-main/contracts/api';
import type { ServeHandle } from '../helpers/serve';

/**
 * Words a Chinese screen may show in Latin letters: the protocol's and the consoles' own names (WeChat's
 * console writes 令牌(Token), 消息加解密密钥(EncodingAESKey)…), units, the product's name, and the language
 * switch's "English". Anything else in Latin letters on a zh-CN screen is a label nobody translated.
 */
export const LATIN_ALLOWED = new Set(
  [
    'AppID', 'AppSecret', 'Token', 'EncodingAESKey', 'URL', 'UnionID', 'OpenID', 'IPv4', 'IPv6', 'API', 'HTTP',
    'HTTPS', 'SHA', 'AES', 'JWT', 'cURL', 'JSON', 'XML', 'Base64', 'ASCII', 'ticket', 'Encrypt', 'EventKey',
    'msg_signature', 'signature', 'timestamp', 'nonce', 'echostr', 'subscribe', 'expire_seconds', 'openid',
    'access_token', 'User-Agent', 'GET', 'POST', 'Follow', 'Studio', 'English', 'http', 'https', 'wx', 'gh_',
    'npm', 'run', 'build', 'serve', 'follow-studio', 'ready', 'token', 'ui', 'IPv4', 'IPv6', 'SHA-1',
    // File formats and the control API's reference, as their own names (HAR, NDJSON, OpenAPI, the Bearer header).
    'HAR', 'NDJSON', 'OpenAPI', 'Authorization', 'Bearer',
    // The login session states as the API and the page's data-login-status name them (shown as tooltips).
    'PENDING', 'SCANNED', 'AUTHORIZED', 'EXPIRED', 'CANCELLED', 'ERROR',
    // Scenario files and the formats of their reports.
    'YAML', 'yml', 'HTML', 'JUnit',
    // OpenID Connect's names and GenAuth's console terms (App ID, App Secret, Issuer, JWKS…), as its console writes them.
    'OIDC', 'oidc', 'Connect', 'GenAuth', 'App', 'Secret', 'Issuer', 'JWKS', 'kid', 'id_token', 'refresh_token',
    'client_id', 'client_secret', 'code_challenge', 'PKCE', 'none', 'HMAC', 'RSA', 'localhost', 'Node', 'openid-client',
    'CLIENT_SECRET',
    // Report formats, named as their tools name them.
    'HTML', 'JUnit',
    // The third-party platform's protocol names, as WeChat's consoles write them (消息加解密Key, $APPID$).
    'component_verify_ticket', 'authorized', 'unauthorized', 'Key', 'APPID',
    // The protocol's own element and parameter names in the inspector's steps.
    'MsgSignature', 'FromUserName', 'ToUserName', 'CreateTime', 'MsgId', 'MsgType', 'Event', 'Content',
  ].map((w) => w.toLowerCase()),
);

/** The data a sentence carries: its string values, nested sentences' included. */
function saidValues(s: Said): string[] {
  return Object.values(s.values ?? {}).flatMap((v) => (typeof v === 'object' ? saidValues(v) : typeof v === 'string' ? [v] : []));
}

/** The names the seed and the tests gave things (data, shown as typed, in any language). */
export async function dataNames(studio: ServeHandle): Promise<string[]> {
  const names: string[] = [];
  const accounts = (await studio.api<{ accounts: Array<{ name: string }> }>('GET', '/api/wechat/accounts')).body.accounts;
  const personas = (await studio.api<{ personas: Array<{ name: string }> }>('GET', '/api/wechat/personas')).body.personas;
  const pools = (await studio.api<{ pools: Array<{ id: string; name: string; apps: Array<{ name: string }>; connections: Array<{ displayName: string; identifier: string }> }> }>('GET', '/api/login/pools')).body.pools;
  const platforms = (await studio.api<{ platforms: Array<{ name: string }> }>('GET', '/api/wechat/platforms')).body.platforms;
  names.push(...accounts.map((a) => a.name), ...personas.map((p) => p.name), ...platforms.map((p) => p.name));
  // The journal's summaries and reasons are sentences the studio translates; only those recorded as plain
  // text (an HTTP method and path) are data, with the URLs and the protocol steps' labels.
  const rows = (await studio.api<{ entries: JournalEntry[] }>('GET', '/api/journal?limit=100')).body.entries;
  const journal = await Promise.all(rows.map(async (r) => (await studio.api<JournalEntry>('GET', `/api/journal/${r.id}`)).body));
  // The journal entries of scenario cases' own worlds, shown under each step.
  const runs = (await studio.api<{ runs: Array<{ id: string }> }>('GET', '/api/scenarios/runs')).body.runs;
  for (const { id } of runs) {
    const run = (await studio.api<{ id: string; cases: unknown[] }>('GET', `/api/scenarios/runs/${id}`)).body;
    for (let i = 0; i < run.cases.length; i++) {
      const res = await studio.api<{ timeline?: Array<{ type: string; entry?: JournalEntry }> }>('GET', `/api/scenarios/runs/${run.id}/cases/${i}`);
      if (res.status === 200) journal.push(...(res.body.timeline ?? []).flatMap((x) => (x.type === 'journal' && x.entry ? [x.entry] : [])));
    }
  }
  for (const e of journal) {
    const plainReasons = e.verdict.said ? [] : e.verdict.reasons;
    names.push(e.summarySaid ? '' : (e.summary ?? ''), e.url, ...plainReasons, ...(e.signatures ?? []).map((x) => x.label), ...(e.decryptions ?? []).map((x) => x.label));
    // A sentence's values are data (ids, paths, what a server answered), also inside a translated tooltip.
    names.push(...[e.summarySaid, ...(e.verdict.said ?? [])].flatMap((s) => (s ? saidValues(s) : [])));
  }
  // The scenario library's suites, cases and tags are written in its YAML files, shown as written.
  const library = (await studio.api<{ files: Array<{ name: string; cases: Array<{ name: string; tags: string[] }> }> }>('GET', '/api/scenarios/library')).body.files;
  names.push(...library.flatMap((f) => [f.name, ...f.cases.flatMap((c) => [c.name, ...c.tags])]));
  for (const p of pools) {
    names.push(p.name, ...p.apps.map((a) => a.name), ...p.connections.flatMap((c) => [c.displayName, c.identifier]));
    const users = (await studio.api<{ users: Array<{ username: string; nickname?: string }> }>('GET', `/api/login/users?poolId=${p.id}`)).body.users;
    names.push(...users.flatMap((u) => [u.username, u.nickname ?? '']));
  }
  return names.filter(Boolean).sort((a, b) => b.length - a.length);
}

/**
 * Visible text and labels (aria-label, title, placeholder, alt) of a page or frame that carry Latin words
 * outside the allowed ones. Skipped: data the UI marks as such (translate="no"), code, inputs' values, the
 * names in `data` wherever they appear inside a sentence, and Chinese sentences of technical prose
 * (`data-technical`) that quote code.
 */
export async function untranslated(target: Page | Frame, data: string[]): Promise<string[]> {
  return target.evaluate(
    ({ allowed, data }) => {
      const ok = new Set(allowed);
      // Addresses and paths are values, not words (in the text and in the names that contain them).
      const plain = (x: string): string => x.replace(/\b(https?:\/\/|about:)\S*/g, ' ').replace(/(^|\s)\/[\w/.-]+/g, ' ');
      const escape = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const names = data
        .map((name) => plain(name).trim())
        .filter(Boolean)
        .map((name) => new RegExp(`(?<![\\w])${escape(name)}(?![\\w])`, 'g'));
      const strip = (s: string): string =>
        names
          .reduce((acc, re) => acc.replace(re, ' '), plain(s))
          // Identifiers with digits (hashes, ids, ciphertexts) are values too.
          .replace(/[\w+/=.-]*\d[\w+/=.-]*/g, ' ');
      const bad = (s: string): string[] =>
        (strip(s).match(/[A-Za-z][A-Za-z_'-]*[A-Za-z]/g) ?? []).filter((w) => w.length > 2 && !ok.has(w.toLowerCase()));
      const skip = (el: Element | null): boolean =>
        !el || !!el.closest('[translate="no"], code, pre, script, style, noscript, .mono, .value-mono, [hidden], template');
      const visible = (el: Element): boolean => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
      };
      const found: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (skip(el) || !visible(el!)) continue;
        // Technical prose (an audit check's title, why and fix) names code, fields and libraries inside Chinese
        // sentences: there the sentence must be Chinese, and the names it quotes stay as the code spells them.
        if (el!.closest('[data-technical]') && /[\u4e00-\u9fff]/.test(n.textContent ?? '')) continue;
        const words = bad(n.textContent ?? '');
        if (words.length) found.push(`${words.join(', ')} ← "${(n.textContent ?? '').trim().slice(0, 80)}"`);
      }
      for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')) {
        if (skip(el) || !visible(el)) continue;
        for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
          const v = el.getAttribute(attr);
          const words = v ? bad(v) : [];
          if (words.length) found.push(`${words.join(', ')} ← ${attr}="${v!.slice(0, 80)}"`);
        }
      }
      return found;
    },
    { allowed: [...LATIN_ALLOWED], data },
  );
}

/** Catalogue keys the studio asked for and no catalogue has, and text that looks like a raw key. */
export async function missingKeys(page: Page): Promise<string[]> {
  const asked = await page.evaluate(() => window.__followStudioMissingKeys?.() ?? ['(the studio did not expose its missing keys)']);
  const raw = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => el.children.length === 0 && /^[a-z]+(\.[a-zA-Z0-9_-]+){1,}$/.test((el.textContent ?? '').trim()))
      .filter((el) => !el.closest('[translate="no"], code, pre, .mono, .value-mono'))
      .map((el) => (el.textContent ?? '').trim()),
  );
  return [...asked, ...raw];
}
