import type { TimingRow } from '../types';
import type { Probe } from '../wire';

/** Answer times per kind of push: p50/p95/max of the answered ones, and how many got no answer in time. */
export function timingRows(probes: Probe[]): TimingRow[] {
  const byKind = new Map<string, Probe[]>();
  for (const p of probes) {
    const kind = p.spec?.kind ?? 'other';
    byKind.set(kind, [...(byKind.get(kind) ?? []), p]);
  }
  return [...byKind.entries()].map(([kind, list]) => {
    const times = list.filter((p) => p.answer.kind !== 'timeout').map((p) => p.evidence.ms).sort((a, b) => a - b);
    const at = (q: number): number => (times.length ? times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]! : 0);
    return {
      kind,
      count: list.length,
      p50: at(0.5),
      p95: at(0.95),
      max: times.length ? times[times.length - 1]! : 0,
      timeouts: list.length - times.length,
    };
  });
}
