import { z } from 'zod';

/**
 * What the stage shows about the demo (GET /api/studio/demo): the password account for query binding and
 * the part each demo persona plays. Pure: bundled into the renderer.
 */

export const DEMO_ROLES = ['newUser', 'follower', 'unionUser'] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];

export const demoGuideSchema = z.object({
  /** False on a store that was not seeded with the demo (or whose demo was never created). */
  seeded: z.boolean(),
  poolId: z.string().optional(),
  applicationId: z.string().optional(),
  /** The demo account on the mock platform and the identity source wired to it. */
  appId: z.string().optional(),
  identifier: z.string().optional(),
  /** The password user that query binding signs in to. */
  credentials: z.object({ username: z.string(), password: z.string() }).optional(),
  personas: z.array(z.object({ id: z.string(), role: z.enum(DEMO_ROLES) })),
});
export type DemoGuide = z.infer<typeof demoGuideSchema>;
