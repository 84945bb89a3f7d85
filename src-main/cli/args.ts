/** Walks command-line flags: `--flag value` and `--flag=value` alike; `value()` takes the flag's value. */
export interface FlagToken {
  flag: string;
  raw: string;
  /** The inline `=value`, else the next argument (consumed); undefined when there is none. */
  value(): string | undefined;
  /** Whether the value was given inline (`--flag=value`). */
  inline: boolean;
}

export function* flagTokens(argv: readonly string[]): Generator<FlagToken> {
  const args = [...argv];
  while (args.length) {
    const raw = args.shift()!;
    const eq = raw.indexOf('=');
    const split = raw.startsWith('--') && eq > 0;
    const inline = split ? raw.slice(eq + 1) : undefined;
    yield { flag: split ? raw.slice(0, eq) : raw, raw, inline: split, value: () => inline ?? args.shift() };
  }
}
