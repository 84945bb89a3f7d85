/**
 * Global setup of every test run that spawns out/main/*.js (the integration tests, Playwright): builds the
 * app first when the sources are newer than the build, so no test ever runs a stale build.
 */
export default async function buildIfStale(): Promise<void> {
  // @ts-expect-error -- a plain ES module script shared with `npm run serve`; it has no type declarations.
  const { buildIfStale: build } = (await import('../../scripts/build-if-stale.mjs')) as { buildIfStale(): void };
  build();
}
