/**
 * Finding a secret, or a long enough piece of it, inside text a server sent: a refusal that quotes the
 * first 24 characters of the Token gives away nearly as much as the whole one.
 */

const MIN_RUN = 8;

/** The longest pieces of `secret` (at least 8 characters, or the whole of a shorter one) that occur in `text`. */
export function secretRuns(text: string, secret: string): string[] {
  const min = Math.min(MIN_RUN, secret.length);
  if (min < 3) return [];
  const runs: string[] = [];
  for (let i = 0; i + min <= secret.length; i++) {
    for (let j = secret.length; j - i >= min; j--) {
      const piece = secret.slice(i, j);
      if (text.includes(piece)) {
        if (!runs.some((r) => r.includes(piece))) runs.push(piece);
        break;
      }
    }
  }
  return runs.sort((a, b) => b.length - a.length);
}

/** Replaces every run of `secret` found in `text` with `shown`. */
export function maskSecret(text: string, secret: string, shown: string): string {
  return secretRuns(text, secret).reduce((t, run) => t.split(run).join(shown), text);
}
