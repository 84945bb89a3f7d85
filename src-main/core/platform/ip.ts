import { say, sayText, type Said } from '../../contracts/said';
/**
 * The caller's address as WeChat's IP whitelist sees it. Loopback callers arrive as 127.0.0.1,
 * ::ffff:127.0.0.1 or ::1; WeChat's 40164 text names the address in IPv4 and IPv4-mapped IPv6 form.
 */
export interface CallerIp {
  v4?: string;
  v6: string;
}

export function callerIp(remote: string | undefined): CallerIp {
  const raw = remote ?? '';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(raw);
  if (mapped) return { v4: mapped[1], v6: `::ffff:${mapped[1]}` };
  if (/^\d+\.\d+\.\d+\.\d+$/.test(raw)) return { v4: raw, v6: `::ffff:${raw}` };
  return { v6: raw };
}

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

function matches(entry: string, ip: CallerIp): boolean {
  const [base, bits] = entry.split('/');
  if (base === undefined) return false;
  if (base.includes(':')) return base.toLowerCase() === ip.v6.toLowerCase();
  if (!ip.v4) return false;
  if (bits === undefined) return base === ip.v4;
  const n = Number(bits);
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return (v4ToInt(base) & mask) === (v4ToInt(ip.v4) & mask);
}

/** An empty whitelist restricts nothing (an account that never set one); otherwise the caller must match an entry. */
export function ipAllowed(whitelist: readonly string[], ip: CallerIp): boolean {
  return whitelist.length === 0 || whitelist.some((e) => matches(e.trim(), ip));
}

/** WeChat's 40164 errmsg (before the rid suffix). */
export function notInWhitelistText(ip: CallerIp): string {
  return sayText(notInWhitelistSaid(ip));
}

/** The same errmsg as a sentence, for the journal. */
export function notInWhitelistSaid(ip: CallerIp): Said {
  return say('api.errmsgWhitelist', { ip: ip.v4 ?? ip.v6, ipv6: ip.v6 });
}
