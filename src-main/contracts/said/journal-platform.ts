/** The mock WeChat platform's journal: push deliveries and their verdicts, URL verification, the API. */
export const JOURNAL_PLATFORM_EN = {
  /**
   * A protocol error (a WechatProtocolError, by its code): the English text is the error's own message;
   * the Chinese one names the kind of failure before it.
   */
  wechat: {
    'signature-mismatch': '{{detail}}',
    'timestamp-skew': '{{detail}}',
    'xml-parse': '{{detail}}',
    'xml-forbidden': '{{detail}}',
    'xml-build': '{{detail}}',
    'illegal-aes-key': '{{detail}}',
    'appid-mismatch': '{{detail}}',
    'decrypt-failed': '{{detail}}',
    'illegal-buffer': '{{detail}}',
    base64: '{{detail}}',
    'too-large': '{{detail}}',
    'missing-field': '{{detail}}',
    'invalid-field': '{{detail}}',
    'unsupported-encrypt-type': '{{detail}}',
  },
  push: {
    summary: '{{label}} → {{outcome}}',
    failed: 'failed',
    outcomeFailed: 'failed: {{reason}}',
    noAnswer: 'no answer',
    failedAttempt: '{{error}} (attempt {{n}} of {{of}})',
    httpAttempt: 'HTTP {{status}} from the server (attempt {{n}} of {{of}})',
    httpAttemptBody: 'HTTP {{status}} from the server (attempt {{n}} of {{of}}): {{body}}',
    withError: '{{reason}} ({{error}})',
    stoppedBefore: 'the studio stopped before attempt {{n}} of {{of}}',
    deliveredOnAttempt: 'delivered on attempt {{n}}: servers must deduplicate retries (FromUserName + CreateTime, or MsgId)',
    userSaw: 'the user saw "{{text}}"',
    internalError: 'internal error while pushing: {{error}}',
    /** A fix hint: the studio shows `hint` under its own label. */
    fix: 'fix: {{hint}}',
    hint: {
      timeout: 'answer within 5 s — reply "success" (or the passive reply) at once and do slow work afterwards; WeChat gives up after 3 attempts',
      unreachable: 'make the server reachable at the URL on the WeChat console (is it running? is the port right?)',
      serverError: 'the server failed while handling the push — look at its log; WeChat retries a failed push, so handle each one idempotently',
      refused: 'the server refused the push — check that the Token, EncodingAESKey and message mode match the WeChat console',
      notOk: 'answer 200 with "success" or a passive reply; HTTP {{status}} counts as a failure',
    },
  },
} as const;
