/**
 * Loopback addresses: what `--host` accepts, and the Host header names the studio answers. The two must
 * agree — a studio listening on 127.0.0.2 is reached as Host 127.0.0.2 — and both stay loopback-only, so a
 * page on another host name (DNS rebinding) never gets an answer.
 */
export const LOOPBACK_ADDRESS = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1)$/;

export function isLoopbackAddress(address: string): boolean {
  if (!LOOPBACK_ADDRESS.test(address)) return false;
  return !address.startsWith('127.') || address.split('.').every((part) => Number(part) <= 255);
}

/** The hostname part of a Host header ("127.0.0.1:4000" → "127.0.0.1", "[::1]:80" → "::1"). */
export function hostnameOf(host: string | undefined): string {
  if (!host) return '';
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']')).toLowerCase();
  return host.split(':')[0]!.toLowerCase();
}

export function isLoopbackHost(host: string | undefined): boolean {
  return isLoopbackAddress(hostnameOf(host));
}

/** The URL form of a listening address: IPv6 literals in brackets. */
export function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}
