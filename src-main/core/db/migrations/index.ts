import type { Migration } from '../migrate';
import { m0001Core } from './0001-core';
import { m0002Platform } from './0002-platform';
import { m0003Login } from './0003-login';
import { m0004Relays } from './0004-relays';
import { m0005Oidc } from './0005-oidc';
import { m0006OpenPlatform } from './0006-open-platform';
import { m0007AuditReports } from './0007-audit-reports';

/** Every migration, in order. Append new ones at the end with the next free number. */
export const MIGRATIONS: readonly Migration[] = [m0001Core, m0002Platform, m0003Login, m0004Relays, m0005Oidc, m0006OpenPlatform, m0007AuditReports];
