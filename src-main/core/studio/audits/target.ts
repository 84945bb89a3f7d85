import { z } from 'zod';
import type { Account } from '../../../contracts/api';
import type { AuditCheckLine, PolicyLevel } from '../../../contracts/audit';
import { AuditInputError, CHECK_IDS, CHECKS, parsePolicy, PolicyError, type AuditTarget } from '../../audit';
import { StudioError, fromZodError } from '../../http/errors';

/** What an audit from the studio runs against and with: the account's saved server configuration, the request's choices. */

export const startAuditBody = z
  .object({
    only: z.array(z.string({ error: 'only: each entry must be a check ID such as "URL-01"' }), { error: 'only must be a list of check IDs' }).max(CHECK_IDS.length).optional(),
    policy: z.string({ error: 'policy must be the text of a policy file ("ID LEVEL" per line)' }).max(20_000, { error: 'policy: at most 20,000 characters' }).optional(),
  })
  .strict();

export interface AuditChoices {
  only: string[];
  policyText: string;
  policy: Map<string, PolicyLevel>;
}

/** The request's check IDs and policy, checked before anything runs (a typo never silently weakens a check). */
export function parseChoices(raw: unknown): AuditChoices {
  const parsed = startAuditBody.safeParse(raw ?? {});
  if (!parsed.success) throw fromZodError(parsed.error);
  const only = [...new Set((parsed.data.only ?? []).map((id) => id.trim().toUpperCase()))];
  const unknown = only.filter((id) => !CHECK_IDS.includes(id));
  if (unknown.length) throw new StudioError(422, 'invalid_field', `only: unknown check ID ${unknown.join(', ')}; known: ${CHECK_IDS.join(', ')}`, 'only');
  const policyText = parsed.data.policy ?? '';
  return { only, policyText, policy: policyOf(policyText) };
}

export function policyOf(text: string): Map<string, PolicyLevel> {
  try {
    return parsePolicy(text, CHECK_IDS, 'policy');
  } catch (e) {
    if (e instanceof PolicyError) throw new StudioError(422, 'invalid_field', e.message, 'policy');
    throw e;
  }
}

/** The account's server as WeChat's console has it; the audit plays this very account (its AppID and original ID). */
export function targetOf(account: Account): AuditTarget {
  const s = account.server;
  if (!s.url) throw new StudioError(422, 'invalid_field', 'url: this account has no server URL; fill in its server configuration first', 'url');
  return {
    url: s.url,
    token: s.token,
    mode: s.mode,
    ...(s.encodingAesKey ? { encodingAesKey: s.encodingAesKey } : {}),
    appId: account.appId,
    originalId: account.originalId,
  };
}

const FIELD: Record<string, string> = { url: 'url', token: 'token', mode: 'mode', 'aes-key': 'encodingAesKey', only: 'only', check: 'checkId' };

/** The engine speaks in command-line flags; the studio names the configuration's fields. */
export function fromAuditInput(e: AuditInputError): StudioError {
  const message = e.message.replace(/--aes-key/g, 'encodingAesKey').replace(/--(url|token|mode|only)\b/g, '$1');
  return new StudioError(422, 'invalid_field', message, FIELD[e.field] ?? e.field);
}

/** The checks a run will report, in report order, none done yet. */
export function checkLines(only: readonly string[]): AuditCheckLine[] {
  return CHECKS.filter((c) => !only.length || only.includes(c.id)).map((c) => ({ id: c.id, title: c.title }));
}
