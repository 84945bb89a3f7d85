import type { PolicyLevel } from './types';

/**
 * Severity policy, like ZAP's rules file: one `ID LEVEL` per line (IGNORE, INFO, WARN or FAIL), `#`
 * starts a comment. A bad line is an error naming the line, so a typo never silently weakens a check.
 */

export class PolicyError extends Error {}

const LEVELS: readonly PolicyLevel[] = ['IGNORE', 'INFO', 'WARN', 'FAIL'];

export function parsePolicy(text: string, knownIds: readonly string[], source = 'policy'): Map<string, PolicyLevel> {
  const policy = new Map<string, PolicyLevel>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') return;
    const where = `${source} line ${i + 1}`;
    const parts = line.split(/\s+/);
    if (parts.length !== 2) throw new PolicyError(`${where}: expected "ID LEVEL" (e.g. "SEC-01 FAIL"), got ${JSON.stringify(line)}`);
    const [id, level] = [parts[0]!.toUpperCase(), parts[1]!.toUpperCase()];
    if (!knownIds.includes(id)) throw new PolicyError(`${where}: unknown check ID ${JSON.stringify(parts[0])}; known: ${knownIds.join(', ')}`);
    if (!LEVELS.includes(level as PolicyLevel)) throw new PolicyError(`${where}: level must be IGNORE, INFO, WARN or FAIL; got ${JSON.stringify(parts[1])}`);
    if (policy.has(id)) throw new PolicyError(`${where}: ${id} is already set on an earlier line`);
    policy.set(id, level as PolicyLevel);
  });
  return policy;
}
