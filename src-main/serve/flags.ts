import { isLoopbackAddress } from '../core/http/loopback';
import type { RuntimeOptions, SeedChoice } from '../core/config';
import { flagTokens } from '../cli/args';

export interface ServeFlags extends RuntimeOptions {
  help?: boolean;
}

export class FlagError extends Error {}

export const USAGE = `Usage: follow-studio serve [flags]

  --host ADDR          loopback address to listen on (default 127.0.0.1)
  --studio-port N      studio server port (UI + control API); 0 = any free port (default 0)
  --wechat-port N      mock WeChat server port (api.weixin.qq.com + mp.weixin.qq.com); default 0
  --auth-port N        login server port (events endpoint, hosted login page); default 0
  --data DIR           keep state in DIR (default: $XDG_DATA_HOME/follow-studio)
  --memory             keep state in memory only (nothing is written to disk)
  --seed demo|empty    what a new store starts with (default demo)
  --push-timeout MS    per-attempt timeout of a push (default 5000)
  --push-attempts N    attempts per push (default 3)
  --wechat-api URL     base URL the login server calls for WeChat's API (default: the mock)
  --https              serve the login server over https with a certificate from the studio's
                       local CA (made once, kept in the data folder; its path is "authCa" in the ready line)
  --token TOKEN        use this launch token instead of a random one
  --quiet              log only warnings and errors
  -h, --help           show this help
`;



function port(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !/^\d+$/.test(v) || n > 65535) throw new FlagError(`${flag} needs a port number from 0 to 65535, got ${JSON.stringify(v ?? '')}`);
  return n;
}

function positive(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || !/^\d+$/.test(v) || n < 1) throw new FlagError(`${flag} needs a positive whole number, got ${JSON.stringify(v ?? '')}`);
  return n;
}

/** Parses serve's flags; throws FlagError naming the flag and the problem. */
export function parseServeFlags(argv: readonly string[]): ServeFlags {
  const out: ServeFlags = {};
  for (const { flag, raw, value } of flagTokens(argv)) {
    switch (flag) {
      case 'serve':
        break;
      case '-h':
      case '--help':
        out.help = true;
        break;
      case '--host': {
        const v = value();
        if (!v || !isLoopbackAddress(v)) throw new FlagError(`--host must be a loopback address (127.x.x.x, localhost or ::1), got ${JSON.stringify(v ?? '')}`);
        out.host = v;
        break;
      }
      case '--studio-port':
        out.studioPort = port(flag, value());
        break;
      case '--wechat-port':
        out.wechatPort = port(flag, value());
        break;
      case '--auth-port':
        out.authPort = port(flag, value());
        break;
      case '--data': {
        const v = value();
        if (!v) throw new FlagError('--data needs a folder path');
        out.dataDir = v;
        break;
      }
      case '--memory':
        out.memory = true;
        break;
      case '--seed': {
        const v = value();
        if (v !== 'demo' && v !== 'empty') throw new FlagError(`--seed must be demo or empty, got ${JSON.stringify(v ?? '')}`);
        out.seed = v as SeedChoice;
        break;
      }
      case '--push-timeout':
        out.pushTimeoutMs = positive(flag, value());
        break;
      case '--push-attempts':
        out.pushAttempts = positive(flag, value());
        break;
      case '--wechat-api': {
        const v = value();
        if (!v || !/^https?:\/\/\S+$/.test(v)) throw new FlagError(`--wechat-api needs an http(s) URL, got ${JSON.stringify(v ?? '')}`);
        out.wechatApiBase = v.replace(/\/+$/, '');
        break;
      }
      case '--token': {
        const v = value();
        if (!v || v.length < 16) throw new FlagError('--token needs at least 16 characters');
        out.token = v;
        break;
      }
      case '--quiet':
        out.quiet = true;
        break;
      case '--https':
        out.https = true;
        break;
      default:
        throw new FlagError(`unknown flag ${JSON.stringify(raw)}; see --help`);
    }
  }
  if (out.memory && out.dataDir) throw new FlagError('--memory and --data cannot be used together');
  return out;
}
