/** The login server's, the relays' and the OpenID provider's journal: events handled, refusals, pages. */
export const JOURNAL_LOGIN_EN = {
  /** The login server: pushes to its events endpoint (and the third-party platform's URLs), its pages and APIs. */
  login: {
    urlVerified: 'URL verification passed: echostr returned',
    refused: 'refused: {{diagnosis}}',
    /** A push's summary: its kind (subscribe, SCAN, text…), its scene, the route when not the events endpoint. */
    event: {
      plain: '{{label}} → {{outcome}}',
      scene: '{{label}} (scene {{scene}}…) → {{outcome}}',
      plainViaPlatform: '{{label}} via third-party platform → {{outcome}}',
      sceneViaPlatform: '{{label}} (scene {{scene}}…) via third-party platform → {{outcome}}',
    },
    duplicateProcessed: 'duplicate of an event already processed ({{outcome}}); same answer, nothing changed',
    duplicateRunning: 'duplicate delivered while the first was processed ({{outcome}}); same answer',
    /** What a push meant: one line, also kept with the event for its retries. */
    outcome: {
      subscribeWithoutScene: 'subscribe without a scene: welcome reply, nobody signed in',
      acknowledged: '{{event}}: acknowledged',
      noSession: 'no login session for this scene',
      expired: 'QR code expired',
      cancelled: 'login cancelled',
      already: 'session already {{status}}',
      signedIn: 'signed in as {{username}}',
      signedInViaUnion: 'signed in as {{username}} (UnionID of another identity)',
      signedInByField: 'signed in as {{username}} (field matching on UnionID)',
      newUser: 'new user {{username}} created and signed in',
      needsBinding: 'unknown WeChat identity: the page asks the user to bind an existing account',
      loginOnly: 'rejected: unknown WeChat identity and the connection is login-only',
    },
    userInfoFailed: 'user/info failed, continuing without UnionID: {{error}}',
    /** The hosted login page's API. */
    page: {
      qrRequested: 'login QR requested for application {{appId}}',
      qrCreated: 'login QR for {{app}}: session {{session}}… PENDING',
      cancelled: 'login session cancelled on the page',
      bindSignIn: 'query binding: sign-in as {{username}}',
      bound: 'query binding: WeChat identity bound to {{username}}, session {{status}}',
    },
    /** The Guard-compatible QR API (`/api/v2/qrcode/*`). */
    guard: {
      qrCreated: 'Guard QR API: QR code for {{app}} (session {{session}})',
      ticketExchanged: 'Guard QR API: ticket exchanged for {{username}}',
      refused: 'Guard QR API refused → {{message}}',
      noApp: 'no application for x-authing-app-id={{appId}} x-authing-userpool-id={{poolId}}',
      appNotInPool: 'application {{appId}} is not in pool {{poolId}}',
      noSession: 'no QR login session {{session}}',
      noSessionForApp: 'no QR login session {{session}} for application {{appId}}',
      scene: 'scene {{scene}}: only WECHATMP_AUTH (official account follow) is served',
      ticketUsed: 'ticket for session {{session}} expired or already exchanged',
      unknownTicket: 'unknown ticket',
      noUser: 'session {{session}} has no user',
    },
    /** The pool's third-party platform: authorization events and the authorization redirect. */
    component: {
      ticketStored: 'component_verify_ticket → stored',
      unauthorizedUnknown: 'unauthorized {{appId}} → no identity source is connected to it',
      unauthorized: 'unauthorized {{appId}} → "{{identifier}}" is not connected any more',
      authorizedUnknown: '{{info}} {{appId}} → no authorization of this pool is waiting for it',
      authorizedCompleting: '{{info}} {{appId}} → completing "{{identifier}}"',
      acknowledged: '{{info}} → acknowledged',
      unknownAcknowledged: 'unknown InfoType → acknowledged',
      authorized: 'authorized: "{{identifier}}" connected to {{nickName}} ({{userName}})',
      completeFailed: 'completing the authorization of "{{identifier}}" failed',
      redirectRefused: 'authorization of "{{identifier}}" refused',
      stateUnknown: 'the state is not that of a pending authorization of this identity source, or it expired',
      noAuthCode: 'no auth_code in the redirect',
    },
  },
  /** Faults injected on the events endpoint (what the spoiled exchange's entry says). */
  faults: {
    summary: 'fault injected: {{what}}',
    onConnection: 'fault injected on connection "{{identifier}}": {{what}}',
    delayed: 'waited {{ms}} ms, then {{answer}}',
    answer: {
      process: 'processed the push',
      http500: 'answered HTTP 500',
      garbage: 'answered 200 with a garbled body',
      drop: 'dropped the connection without an answer',
    },
  },
  /** Why a WeChat-facing receiver (the events endpoint, the platform's URLs, a relay) refused a push: the journal's diagnosis. */
  refusal: {
    signatureMismatch: '{{field}} mismatch: the SHA-1 of the sorted Token, timestamp and nonce differs from {{sent}}; check that both sides use the same Token',
    msgSignatureMismatch:
      '{{field}} mismatch: the SHA-1 of the sorted Token, timestamp, nonce and Encrypt differs from {{sent}}; check that both sides use the same Token (or the Encrypt text was altered)',
    sent: 'the {{field}} sent ({{got}}…)',
    sentEmpty: 'an empty {{field}}',
    urlVerificationFailed: 'URL verification failed: {{reason}}',
    missingQuery: 'missing query parameter {{names}}',
    bodyNotXml: 'the push body must be XML text',
    encryptedButPlaintext: 'the push is encrypted (encrypt_type=aes) but connection "{{identifier}}" is set to plaintext mode; choose the same message encryption method on both sides',
    plaintextButEncrypted: 'the push is plaintext but connection "{{identifier}}" is set to {{mode}} mode; choose the same message encryption method on both sides',
    /** A connection's message mode, as `{{mode}}` above. */
    mode: { compatible: 'compatible', safe: 'safe' },
    unreadable: 'the message cannot be read: {{error}}',
    noConnection: 'no connection "{{identifier}}" in user pool "{{poolId}}"; check the server URL on the WeChat console',
    byAuthorization: 'connection "{{identifier}}" is connected by authorization; WeChat pushes its events to the third-party platform\'s message URL',
    componentPlaintext: 'third-party platform pushes are always encrypted (encrypt_type=aes with msg_signature); this one was plaintext',
    noComponent: 'user pool {{poolId}} has no third-party platform configured',
    noAuthorizedSource: 'no identity source of user pool {{poolId}} is connected to {{appId}} by authorization',
  },
  /** A relay between WeChat and the login server. */
  relay: {
    urlRefused: 'relay: URL verification refused',
    urlVerified: 'relay: URL verification passed',
    pushRefused: 'relay: push refused: {{diagnosis}}',
    forwardFailed: 'relay: {{kind}} → forward failed',
    forwarded: 'relay: {{kind}} → forwarded to the login server',
    answered: 'relay: {{kind}} → answered by the relay',
    unreachable: 'forward to the login server failed: {{error}}',
    loginRefused: 'the login server refused the forwarded event: HTTP {{status}} {{body}}',
    replyUnverified: "the login server's reply cannot be verified: {{error}}",
  },
  /** The OpenID provider on the auth server. */
  oidc: {
    exchange: 'OIDC {{endpoint}} → {{outcome}}',
    exchangeOfClient: 'OIDC {{endpoint}} · {{client}} → {{outcome}}',
    withGrant: '{{endpoint}} ({{grantType}})',
    redirectTo: 'redirect to {{url}}',
    /** Endpoints whose journal name is a phrase (the others go by their protocol name: token, userinfo, jwks…). */
    endpoint: {
      authorization: 'authorize',
      resume: 'authorize (after the login page)',
      end_session: 'logout',
      end_session_confirm: 'logout (confirm)',
      end_session_success: 'logout (signed out)',
    },
    unavailable: 'OIDC provider not available → 503',
    loginFinished: 'OIDC login finished · {{app}}: {{username}} signed in with WeChat → back to authorize',
    consentImplied: "OIDC consent implied · {{app}}: the pool's own application → back to authorize",
    stepRefused: 'OIDC login step refused → {{error}}',
    refusal: {
      noInteraction: 'no interaction {{uid}} (expired or unknown)',
      otherPrompt: 'interaction {{uid}} waits for {{prompt}}, not {{wanted}}',
      sessionIs: 'QR login session {{session}} is {{status}}',
      sessionUnknown: 'QR login session {{session}} is unknown',
      otherApp: 'session app {{sessionApp}} ≠ client {{clientId}}',
      predates: 'QR login session predates the authorization request',
      alreadyUsed: 'QR login session {{session}} already finished an authorization',
      notPoolUser: "account {{account}} is not a user of client {{clientId}}'s pool",
      noAccount: "account (none) is not a user of client {{clientId}}'s pool",
      malformedUid: 'malformed interaction uid',
      malformedSession: 'malformed session id',
    },
  },
} as const;
