import { AUDIT_MODES, CHECK_IDS, type AuditMode } from '../../core/audit';
import { flagTokens } from '../args';

export class FlagError extends Error {}

export const USAGE = `Usage: follow-studio audit --url URL --token TOKEN --mode plaintext|compatible|safe [flags]

Plays WeChat against your server's URL — the exact requests WeChat sends, and what it does that breaks
servers in production — and reports, check by check, what passed, what failed, why it matters to a WeChat
user and how to fix it. Exit code 0 when nothing fails, 1 when a check fails, 2 on a usage error or an
unreachable URL.

  --url URL            the server URL entered on the WeChat console
  --token TOKEN        the Token entered on the console
  --mode MODE          plaintext, compatible or safe (the console's message encryption method)
  --aes-key KEY        the EncodingAESKey (43 characters); required in compatible and safe mode
  --app-id APPID       the account's AppID (made up when absent; your server may then refuse
                       encrypted pushes, as it should)
  --original-id ID     the account's original ID, gh_… (made up when absent)
  --only IDS           run only these checks, comma-separated (e.g. URL-01,REP-02)
  --policy FILE        severities: one "ID IGNORE|INFO|WARN|FAIL" per line, # for comments
  --html PATH          write the HTML report (one self-contained file)
  --json PATH          write the JSON report (for CI scripts)
  --junit PATH         write a JUnit XML report (one testcase per check)
  --studio URL         when URL is the studio's own login server (or a studio relay in front of it):
  --studio-token T     the studio's address and launch token, so the audit can count sign-ins
  --list               list the checks and exit
  -h, --help           show this help
`;

export interface AuditFlags {
  help?: boolean;
  list?: boolean;
  url?: string;
  token?: string;
  mode?: AuditMode;
  aesKey?: string;
  appId?: string;
  originalId?: string;
  only?: string[];
  policy?: string;
  html?: string;
  json?: string;
  junit?: string;
  studio?: string;
  studioToken?: string;
}

const VALUE_FLAGS: Record<string, keyof AuditFlags> = {
  '--url': 'url',
  '--token': 'token',
  '--aes-key': 'aesKey',
  '--app-id': 'appId',
  '--original-id': 'originalId',
  '--policy': 'policy',
  '--html': 'html',
  '--json': 'json',
  '--junit': 'junit',
  '--studio': 'studio',
  '--studio-token': 'studioToken',
};

/** Parses audit's flags; throws FlagError naming the flag and the problem. */
export function parseAuditFlags(argv: readonly string[]): AuditFlags {
  const out: AuditFlags = {};
  for (const token of flagTokens(argv)) {
    const { flag, raw } = token;
    const value = (): string => {
      const v = token.value();
      if (v === undefined || v === '' || (!token.inline && v.startsWith('--'))) throw new FlagError(`${flag} needs a value`);
      return v;
    };
    if (flag === '-h' || flag === '--help') out.help = true;
    else if (flag === '--list') out.list = true;
    else if (flag === '--mode') {
      const v = value();
      if (!AUDIT_MODES.includes(v as AuditMode)) throw new FlagError(`--mode must be plaintext, compatible or safe, got ${JSON.stringify(v)}`);
      out.mode = v as AuditMode;
    } else if (flag === '--only') {
      const ids = value().split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
      const unknown = ids.filter((id) => !CHECK_IDS.includes(id));
      if (unknown.length) throw new FlagError(`--only: unknown check ID ${unknown.join(', ')} (see --list)`);
      out.only = ids;
    } else if (VALUE_FLAGS[flag]) {
      (out as Record<string, unknown>)[VALUE_FLAGS[flag]] = value();
    } else {
      throw new FlagError(`unknown flag ${JSON.stringify(raw)}`);
    }
  }
  if (out.help || out.list) return out;
  if (!out.url) throw new FlagError('--url is required: the server URL entered on the WeChat console');
  if (!out.token) throw new FlagError('--token is required: the Token entered on the WeChat console');
  if (!out.mode) throw new FlagError('--mode is required: plaintext, compatible or safe');
  if (out.mode !== 'plaintext' && !out.aesKey) throw new FlagError(`--aes-key is required in ${out.mode} mode`);
  if (!!out.studio !== !!out.studioToken) throw new FlagError('--studio and --studio-token go together');
  return out;
}
