import { test as base } from '@playwright/test';
import { startServe, type ServeHandle } from '../helpers/serve';

/** Every test gets its own `serve --memory` process on ports 0, stopped after the test. */
export const test = base.extend<{ studio: ServeHandle }>({
  studio: async ({}, use) => {
    const handle = await startServe(['--memory']);
    await use(handle);
    await handle.stop();
  },
});

export { expect } from '@playwright/test';
