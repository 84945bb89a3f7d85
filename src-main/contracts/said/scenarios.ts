/** Scenario runs: each step's message, and why a step failed. */
export const SCENARIOS_EN = {
  scenario: {},
} as const;
