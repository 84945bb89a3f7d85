/**
 * What the stage shows about the demo (GET /api/studio/demo): the password account for query binding and
 * the part each demo persona plays. Pure: bundled into the renderer.
 */

export const DEMO_ROLES = ['newUser', 'follower', 'unionUser'] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];

export interface DemoGuide {
  /** False on a store that was not seeded with the demo (or whose demo was never created). */
  seeded: boolean;
  poolId?: string;
  applicationId?: string;
  /** The demo account on the mock platform and the identity source wired to it. */
  appId?: string;
  identifier?: string;
  /** The password user that query binding signs in to. */
  credentials?: { username: string; password: string };
  personas: Array<{ id: string; role: DemoRole }>;
}
