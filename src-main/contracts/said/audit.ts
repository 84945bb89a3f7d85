/** The audit of a developer's server: each check's findings, summaries, what it could not observe. */
export const AUDIT_EN = {
  audit: {},
} as const;
