import { createHash } from 'node:crypto';
import type {
  LoginApplication,
  LoginApplicationCreated,
  LoginConnection,
  LoginPool,
  LoginUser,
} from '../../contracts/api';
import {
  QR_EXPIRE_MAX_SECONDS,
  QR_EXPIRE_MIN_SECONDS,
  appNameSchema,
  checkConnectionForm,
  passwordSchema,
  poolNameSchema,
  usernameSchema,
  type ConnectionFormValues,
} from '../../contracts/login-rules';
import type { CoreContext } from '../context';
import { StudioError, notFound } from '../http/errors';
import { hashPassword } from './password';
import type { AppRow, ConnectionRow, LoginRepo, PoolRow, UserRow } from './repo';
import { hexId, mask } from './util';
import type { z } from 'zod';
import { redirectUriProblem } from '../../contracts/oidc';

/** Pools, connections, applications and users: the login console's side of the login server. */

export interface NewUser {
  poolId: string;
  /** A fixed ID (the demo keeps its IDs across resets); default random. */
  id?: string;
  username: string;
  password?: string;
  nickname?: string;
  unionId?: string;
}

/**
 * Runs inside the transaction that creates an application, with its secret (shown once, never stored by
 * the login server): a module that must keep something with the application does it here; a hook that
 * throws undoes the creation.
 */
export type AppCreatedHook = (app: { id: string; secret: string; createdAt: number }) => void;

export interface NewApp {
  name: string;
  redirectUris?: string[];
  qrExpireSeconds?: number | null;
}

function invalid(field: string, message: string): StudioError {
  return new StudioError(422, 'invalid_field', message, field);
}

function parseField<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(field, r.error.issues[0]?.message ?? `${field} is invalid`);
  return r.data;
}

export function createDirectory(ctx: CoreContext, repo: LoginRepo) {
  const { q } = repo;
  const appCreated: AppCreatedHook[] = [];
  const now = (): number => ctx.clock.now();

  const eventsUrl = (poolId: string, identifier: string): string =>
    `${ctx.urls.auth}/connections/social/${encodeURIComponent(identifier)}/${encodeURIComponent(poolId)}/events`;
  const loginUrl = (appId: string): string => `${ctx.urls.auth}/login/${encodeURIComponent(appId)}`;

  function connectionDto(row: ConnectionRow, reveal = false): LoginConnection {
    return {
      poolId: row.poolId,
      identifier: row.identifier,
      displayName: row.displayName,
      appId: row.appId,
      appSecretMasked: mask(row.appSecret),
      token: reveal ? row.token : mask(row.token),
      encodingAesKey: reveal ? row.encodingAesKey : mask(row.encodingAesKey),
      revealed: reveal,
      mode: row.mode,
      loginMode: row.loginMode,
      association: row.association,
      qrExpireSeconds: row.qrExpireSeconds,
      eventsUrl: eventsUrl(row.poolId, row.identifier),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  function appDto(row: AppRow): LoginApplication {
    return {
      id: row.id,
      poolId: row.poolId,
      name: row.name,
      loginUrl: loginUrl(row.id),
      redirectUris: JSON.parse(row.redirectUris) as string[],
      qrExpireSeconds: row.qrExpireSeconds,
      secretMasked: row.secretHint,
      createdAt: row.createdAt,
    };
  }

  function poolDto(row: PoolRow): LoginPool {
    return {
      id: row.id,
      name: row.name,
      createdAt: row.createdAt,
      connections: q.connByPool.all(row.id).map((c) => connectionDto(c)),
      apps: q.appByPool.all(row.id).map(appDto),
    };
  }

  function userDto(row: UserRow): LoginUser {
    return {
      id: row.id,
      poolId: row.poolId,
      username: row.username,
      ...(row.nickname ? { nickname: row.nickname } : {}),
      ...(row.unionId ? { unionId: row.unionId } : {}),
      hasPassword: row.passwordHash !== null,
      createdAt: row.createdAt,
      identities: q.identityByUser.all(row.id).map((i) => ({
        openId: i.openId,
        ...(i.unionId ? { unionId: i.unionId } : {}),
        appId: i.appId,
        connection: i.connection,
        createdAt: i.createdAt,
      })),
      logins: q.loginByUser.all(row.id).map((l) => ({
        at: l.at,
        appId: l.applicationId,
        connection: l.connection,
        ...(l.sessionId ? { sessionId: l.sessionId } : {}),
      })),
    };
  }

  function requirePool(poolId: string, field = 'poolId'): PoolRow {
    const pool = q.poolGet.get(poolId);
    if (!pool) throw notFound('user pool', poolId, field);
    return pool;
  }

  function requireConnection(poolId: string, identifier: string): ConnectionRow {
    requirePool(poolId);
    const row = q.connGet.get(poolId, identifier);
    if (!row) throw notFound('connection', identifier, 'identifier');
    return row;
  }

  function checkExpire(value: unknown, field = 'qrExpireSeconds'): number | null {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < QR_EXPIRE_MIN_SECONDS || value > QR_EXPIRE_MAX_SECONDS) {
      throw invalid(field, `QR code lifetime must be a whole number of seconds from ${QR_EXPIRE_MIN_SECONDS} to ${QR_EXPIRE_MAX_SECONDS}`);
    }
    return value;
  }

  return {
    eventsUrl,
    loginUrl,
    connectionDto,
    appDto,
    userDto,
    requirePool,
    requireConnection,

    listPools(): LoginPool[] {
      return q.poolAll.all().map(poolDto);
    },
    getPool(poolId: string): LoginPool {
      return poolDto(requirePool(poolId));
    },
    createPool(input: { name: unknown; id?: string }): LoginPool {
      const name = parseField(poolNameSchema, input.name, 'name');
      const row: PoolRow = {
        id: input.id ?? hexId(ctx.random),
        name,
        jwtSecret: ctx.random(32).toString('base64url'),
        createdAt: now(),
      };
      q.poolInsert.run(row);
      return poolDto(row);
    },
    deletePool(poolId: string): void {
      requirePool(poolId);
      q.poolDelete.run(poolId);
    },

    listConnections(poolId: string): LoginConnection[] {
      requirePool(poolId);
      return q.connByPool.all(poolId).map((c) => connectionDto(c));
    },
    getConnection(poolId: string, identifier: string, reveal = false): LoginConnection {
      return connectionDto(requireConnection(poolId, identifier), reveal);
    },
    /** Validates every field (first invalid one → 422 naming it) and saves nothing unless all pass. */
    createConnection(poolId: string, input: unknown): LoginConnection {
      requirePool(poolId);
      const problem = checkConnectionForm(input)[0];
      if (problem) throw invalid(problem.field, problem.message);
      const v = input as ConnectionFormValues;
      if (q.connGet.get(poolId, v.identifier)) {
        throw new StudioError(409, 'conflict', `Unique ID "${v.identifier}" is already used by another connection in this user pool`, 'identifier');
      }
      const t = now();
      const row: ConnectionRow = {
        poolId,
        identifier: v.identifier,
        displayName: v.displayName.trim(),
        appId: v.appId,
        appSecret: v.appSecret,
        token: v.token,
        encodingAesKey: (v.encodingAesKey ?? '').trim(),
        mode: v.mode,
        loginMode: v.loginMode,
        association: v.association,
        qrExpireSeconds: v.qrExpireSeconds ?? null,
        createdAt: t,
        updatedAt: t,
      };
      q.connInsert.run(row);
      return connectionDto(row);
    },
    /** Absent fields keep their value (the AppSecret included); the Unique ID cannot change. */
    updateConnection(poolId: string, identifier: string, patch: unknown): LoginConnection {
      const row = requireConnection(poolId, identifier);
      const problem = checkConnectionForm(patch, { current: row })[0];
      if (problem) throw invalid(problem.field, problem.message);
      const p = (patch ?? {}) as Partial<ConnectionFormValues>;
      const next: ConnectionRow = {
        ...row,
        ...(p.displayName !== undefined ? { displayName: p.displayName.trim() } : {}),
        ...(p.appId !== undefined ? { appId: p.appId } : {}),
        ...(p.appSecret !== undefined && p.appSecret !== null ? { appSecret: p.appSecret } : {}),
        ...(p.token !== undefined ? { token: p.token } : {}),
        ...(p.encodingAesKey !== undefined && p.encodingAesKey !== null ? { encodingAesKey: p.encodingAesKey.trim() } : {}),
        ...(p.mode !== undefined ? { mode: p.mode } : {}),
        ...(p.loginMode !== undefined ? { loginMode: p.loginMode } : {}),
        ...(p.association !== undefined ? { association: p.association } : {}),
        ...('qrExpireSeconds' in p ? { qrExpireSeconds: p.qrExpireSeconds ?? null } : {}),
        updatedAt: now(),
      };
      q.connUpdate.run(next);
      return connectionDto(next);
    },
    deleteConnection(poolId: string, identifier: string): void {
      requireConnection(poolId, identifier);
      q.connDelete.run(poolId, identifier);
    },

    listApps(poolId: string): LoginApplication[] {
      requirePool(poolId);
      return q.appByPool.all(poolId).map(appDto);
    },
    onAppCreated(hook: AppCreatedHook): void {
      appCreated.push(hook);
    },
    getApp(appId: string): LoginApplication {
      const row = q.appGet.get(appId);
      if (!row) throw notFound('application', appId, 'appId');
      return appDto(row);
    },
    createApp(poolId: string, input: NewApp & { id?: string }): LoginApplicationCreated {
      requirePool(poolId);
      const name = parseField(appNameSchema, input.name, 'name');
      const redirectUris = input.redirectUris ?? [];
      redirectUris.forEach((uri, i) => {
        const problem = redirectUriProblem(uri);
        if (problem) throw invalid(`redirectUris.${i}`, `Redirect URI ${JSON.stringify(uri)} ${problem}`);
      });
      const qrExpireSeconds = checkExpire(input.qrExpireSeconds);
      const secret = ctx.random(24).toString('base64url');
      const row: AppRow = {
        id: input.id ?? hexId(ctx.random),
        poolId,
        name,
        secretHash: createHash('sha256').update(secret).digest('hex'),
        secretHint: mask(secret),
        redirectUris: JSON.stringify(redirectUris),
        qrExpireSeconds,
        createdAt: now(),
      };
      // One transaction: what other modules keep with a new application (its OIDC client secret) commits with it.
      ctx.store.tx(() => {
        q.appInsert.run(row);
        for (const hook of appCreated) hook({ id: row.id, secret, createdAt: row.createdAt });
      });
      return { ...appDto(row), secret };
    },
    deleteApp(appId: string): void {
      if (!q.appGet.get(appId)) throw notFound('application', appId, 'appId');
      q.appDelete.run(appId);
    },

    listUsers(poolId?: string): LoginUser[] {
      if (poolId !== undefined) requirePool(poolId);
      return (poolId !== undefined ? q.userByPool.all(poolId) : q.userAll.all()).map(userDto);
    },
    getUser(userId: string): LoginUser {
      const row = q.userGet.get(userId);
      if (!row) throw notFound('user', userId, 'userId');
      return userDto(row);
    },
    /** A password account (e.g. for query binding); the password is hashed with scrypt and never returned. */
    async createUser(input: NewUser): Promise<LoginUser> {
      requirePool(input.poolId);
      const username = parseField(usernameSchema, input.username, 'username');
      const password = input.password === undefined ? undefined : parseField(passwordSchema, input.password, 'password');
      if (q.userByName.get(input.poolId, username)) {
        throw new StudioError(409, 'conflict', `Username "${username}" is already taken in this user pool`, 'username');
      }
      const passwordHash = password === undefined ? null : await hashPassword(password);
      // Checked again after the await: another request may have taken the name meanwhile.
      if (q.userByName.get(input.poolId, username)) {
        throw new StudioError(409, 'conflict', `Username "${username}" is already taken in this user pool`, 'username');
      }
      const row: UserRow = {
        id: input.id ?? hexId(ctx.random),
        poolId: input.poolId,
        username,
        nickname: input.nickname?.trim() || null,
        unionId: input.unionId?.trim() || null,
        passwordHash,
        createdAt: now(),
      };
      q.userInsert.run(row);
      return userDto(row);
    },
    deleteUser(userId: string): void {
      if (!q.userGet.get(userId)) throw notFound('user', userId, 'userId');
      q.userDelete.run(userId);
    },
  };
}

export type Directory = ReturnType<typeof createDirectory>;
