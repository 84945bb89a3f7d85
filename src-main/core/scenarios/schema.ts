import { z } from 'zod';
import { say, sayText, type Said } from '../../contracts/said';
import { SCENARIO_MODES, type ScenarioMode } from '../../contracts/scenarios';

/**
 * Scenario file format, version 1: the one zod schema that validates a file and from which the published
 * JSON Schema is generated (json-schema.ts). Its words are a contract QA files depend on: add to it, never
 * rename. Every object is strict, so a misspelt key is an error rather than something silently ignored.
 */

export const MODES = SCENARIO_MODES;
export type Mode = ScenarioMode;
export const STATUSES = ['PENDING', 'SCANNED', 'AUTHORIZED', 'EXPIRED', 'CANCELLED', 'ERROR'] as const;
export const SCREENS = ['profile', 'chat', 'error'] as const;
export const LOGIN_MODES = ['login-only', 'login-and-register'] as const;
export const ASSOCIATIONS = ['off', 'field-matching', 'query-binding'] as const;

/** Descriptions a problem quotes ("got 3; expected <description>"), as sentences by their English text. */
export const DESCRIBED = new Map<string, Said>();
function described(said: Said): string {
  const text = sayText(said);
  DESCRIBED.set(text, said);
  return text;
}

const mode = z.enum(MODES).describe('message encryption method: plaintext | compatible | safe');
const status = z.enum(STATUSES).describe('the login page status');
const name = z.string().trim().min(1, { error: 'must not be empty' });

/** `2s`, `1500ms`, `2m`, or a number of seconds. */
export const durationSchema = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m)$/, { error: 'a duration like 2s, 500ms or 1m' })])
  .describe(described(say('scenario.file.aDuration', { examples: '2s, 500ms, 1m' })));

const connection = z
  .strictObject({
    loginMode: z.enum(LOGIN_MODES).optional().describe('login-only refuses unknown WeChat users; default login-and-register'),
    association: z.enum(ASSOCIATIONS).optional().describe('how an unknown WeChat identity is tied to an existing user; default off'),
    qrExpireSeconds: z.number().int().min(2).max(2_592_000).optional().describe('QR login lifetime; default 120'),
  })
  .describe("the login server's WeChat Official Account Follow connection");

const server = z
  .strictObject({
    token: z.literal('wrong').optional().describe('the account pushes with another Token than the connection expects'),
    aesKey: z.literal('wrong').optional().describe('the account encrypts with another EncodingAESKey'),
    mode: z.enum([...MODES, 'other']).optional().describe("the account's encryption method; other = one the connection refuses"),
    delayMs: z.number().int().min(0).max(600_000).optional().describe("the server starts on a push only after this long (the case's clock)"),
    status: z.number().int().min(100).max(599).optional().describe('the server answers every push with this HTTP status'),
    down: z.boolean().optional().describe('nothing listens at the server URL'),
  })
  .describe("faults of the account's server configuration");

const persona = z
  .strictObject({
    name,
    follows: z.boolean().optional().describe('already follows the account'),
    user: z.boolean().optional().describe('already has a user bound to this WeChat identity'),
    unionId: z.string().trim().min(1).optional().describe('the UnionID WeChat reports for this person'),
    count: z.number().int().min(1).max(500).optional().describe('a crowd: count personas named "<name> 1" … "<name> N"'),
    admin: z.boolean().optional().describe("administers the case's account: may authorize it to a third-party platform (platform.authorize)"),
  })
  .describe('a WeChat user');

const user = z
  .strictObject({
    username: name,
    password: z.string().min(1).optional(),
    unionId: z.string().trim().min(1).optional().describe("the user's UnionID field (field matching)"),
    nickname: z.string().optional(),
  })
  .describe('a user of the login server that exists before the case starts');

const platform = z
  .strictObject({
    pushTimeoutMs: z.number().int().min(1).max(60_000).optional(),
    pushAttempts: z.number().int().min(1).max(10).optional(),
    retrySpacingMs: z.number().int().min(0).max(60_000).optional(),
    retryOnHttpError: z.boolean().optional(),
  })
  .describe("the mock WeChat platform's push settings (GET/PUT /api/wechat/settings)");

export const setupSchema = z
  .strictObject({
    connection: connection.optional(),
    server: server.optional(),
    personas: z.array(persona).optional().describe('default: Lin (new), Chen (follows, has a user), Wang (unionId u_wang)'),
    users: z.array(user).optional().describe('default: demo/demo1234 and wang (UnionID field u_wang)'),
    platform: platform.optional(),
  })
  .describe("applied to the case's fresh world");

const who = z.string().trim().min(1).optional().describe('the persona; may be left out when the case has one, or inside an each branch');
const pageName = z.string().trim().min(1).optional().describe('which page; default the last one opened');

export const pageExpectSchema = z.union([
  status,
  z.strictObject({
    name: pageName,
    status: status.optional(),
    user: z.string().optional().describe('the username signed in'),
    says: z.string().optional().describe('substring of the error the page shows'),
  }),
]);

export const expectSchema = z
  .strictObject({
    page: pageExpectSchema.optional().describe(described(say('scenario.file.pageStatus', { statuses: STATUSES.join(', '), form: '{name, status, user, says}' }))),
    pages: z.union([status, z.record(z.string(), status)]).optional().describe(described(say('scenario.file.pagesStatus', { statuses: STATUSES.join(', ') }))),
    phone: z
      .strictObject({
        as: who,
        screen: z.enum(SCREENS).optional(),
        says: z.string().optional().describe('substring of the last message from the account or WeChat'),
        following: z.boolean().optional(),
      })
      .optional(),
    push: z
      .strictObject({
        ok: z.boolean().optional().describe('verdict of the last push'),
        reason: z.string().optional().describe('signature | decrypt | mode | timeout | http | refused, or any text of the verdict'),
        attempts: z.number().int().min(1).optional().describe('deliveries WeChat made for the last push'),
      })
      .optional(),
    users: z
      .strictObject({
        created: z.number().int().min(0).optional().describe('users created since the case began'),
        logins: z.number().int().min(0).optional().describe('logins recorded since the case began'),
      })
      .optional(),
    journal: z
      .strictObject({ contains: z.string().min(1).describe('text of a journal summary or reason since the case began') })
      .optional(),
    within: durationSchema.optional().describe("how long to wait for it, on the case's clock; default 0"),
  })
  .refine((e) => Object.keys(e).some((k) => k !== 'within'), { error: 'expect needs at least one of page, pages, phone, push, users, journal' });


/** The value schema of each step, by name; a step is an object with exactly one of these keys. */
export const STEP_VALUES = {
  'page.open': z.strictObject({ page: pageName }).describe("the application's hosted login page: a new QR login session"),
  'page.refresh': z.strictObject({ page: pageName }).describe('the page\'s "click to refresh": a new QR code'),
  'page.cancel': z.strictObject({ page: pageName }).describe('the page cancels its login session'),
  'page.bind': z
    .strictObject({ page: pageName, username: z.string().min(1), password: z.string().min(1) })
    .describe('query binding: sign in once on the page to link the WeChat identity'),
  'phone.scan': z.strictObject({ as: who, page: pageName }).describe("decodes the page's QR image and scans it"),
  'phone.follow': z.strictObject({ as: who }).describe('taps Follow on the account'),
  'phone.unfollow': z.strictObject({ as: who }).describe('unfollows the account'),
  'phone.message': z.strictObject({ as: who, text: z.string().min(1) }).describe('sends a text message to the account'),
  'clock.advance': z
    .strictObject({ seconds: z.number().nonnegative().optional(), ms: z.number().int().nonnegative().optional() })
    .refine((v) => v.seconds !== undefined || v.ms !== undefined, { error: 'clock.advance needs seconds or ms' })
    .describe("moves the case's clock forward (timers fall due on the way)"),
  'platform.authorize': z
    .strictObject({
      as: z.string().trim().min(1, { error: 'must not be empty' }).describe("the account's administrator (a persona with admin: true)"),
      funcIds: z.array(z.number().int().min(1).max(200)).min(1).max(60).optional().describe('permission sets to tick; default every set the account has'),
    })
    .describe("the pool's third-party platform is authorized for the account: the admin scans the authorization page and confirms on the phone; the identity source is then connected"),
  'platform.cancel': z.strictObject({}).describe("the account's administrator cancels the authorization in the WeChat console: the unauthorized push, and the identity source is no longer connected"),
  expect: expectSchema,
  parallel: z.unknown().describe('branches run at the same time'),
} as const;

export type StepName = keyof typeof STEP_VALUES;
export const STEP_NAMES = Object.keys(STEP_VALUES) as StepName[];
export const ACTION_NAMES = STEP_NAMES.filter((n) => n !== 'parallel');

// Steps are recursive (parallel holds steps); lazy schemas let zod build the recursive JSON Schema.
// A step whose fields are all optional may be written bare in YAML (`- page.open:`), which reads as null.
const singleStep = (key: StepName, value: z.ZodType) => z.strictObject({ [key]: value.safeParse({}).success ? z.union([value, z.null()]) : value });

export const branchSchema: z.ZodType = z.lazy(() =>
  z.union([
    stepSchema,
    z.strictObject({ steps: z.array(stepSchema).min(1) }).describe('a sequence of steps run in order'),
  ]),
).meta({ id: 'branch' });

export const parallelSchema = z.union([
  z.array(branchSchema).min(2).describe('each item runs at the same time: a step, or {steps: [...]}'),
  z
    .strictObject({ each: name.describe('a persona crowd (count) or a list of persona names'), steps: z.array(branchSchema).min(1) })
    .describe('one branch per persona of the crowd; as and page default to that persona and its own page'),
  z.strictObject({ each: z.array(name).min(1), steps: z.array(branchSchema).min(1) }),
]);

export const stepSchema: z.ZodType = z.lazy(() =>
  z.union(STEP_NAMES.map((k) => singleStep(k, k === 'parallel' ? parallelSchema : STEP_VALUES[k])) as unknown as [z.ZodType, z.ZodType]),
).meta({ id: 'step', description: 'one step: a mapping with exactly one key' });

export const caseSchema = z.strictObject({
  name,
  modes: z.array(mode).min(1).optional().describe('one result per mode; default defaults.modes, else defaults.mode'),
  tags: z.array(name).optional(),
  clock: z.enum(['virtual', 'wall']).optional().describe('virtual (default): timers run in no time; wall: real waiting'),
  timeout: durationSchema.optional().describe("longest a step may take on the case's clock; default 5m"),
  setup: setupSchema.optional(),
  steps: z.array(stepSchema).min(1),
});

export const fileSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1, { error: 'version must be 1' }),
  name,
  defaults: z
    .strictObject({
      mode: mode.optional(),
      modes: z.array(mode).min(1).optional(),
      clock: z.enum(['virtual', 'wall']).optional(),
      timeout: durationSchema.optional(),
    })
    .optional(),
  cases: z.array(caseSchema).min(1),
});

export type ScenarioFile = z.infer<typeof fileSchema>;
export type CaseInput = z.infer<typeof caseSchema>;
export type SetupInput = z.infer<typeof setupSchema>;
export type ExpectInput = z.infer<typeof expectSchema>;
export type PersonaInput = NonNullable<SetupInput['personas']>[number];
export type UserInput = NonNullable<SetupInput['users']>[number];
