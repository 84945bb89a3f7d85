import type { Migration } from '../migrate';
import { m0001Core } from './0001-core';

/** Every migration, in order. Append new ones at the end with the next free number. */
export const MIGRATIONS: readonly Migration[] = [m0001Core];
