/** The login server's, the relays' and the OpenID provider's journal: events handled, refusals, pages. */
export const JOURNAL_LOGIN_EN = {
  login: {},
} as const;
