import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // The desktop shell and the headless host share the same engine (src-main/core).
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          serve: resolve(__dirname, 'src-main/serve/main.ts'),
          // `follow-studio <command>`: serve, and the commands that run without a studio window.
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/electron/preload.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // Fonts stay files, never data: URLs: the CSP allows fonts from the server only, and a subset is
      // fetched only when a glyph in its unicode-range is on screen.
      assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
      // The manifest lets the login server find the hosted page's hashed script and stylesheet.
      manifest: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-renderer/index.html'),
          // The control API's reference (Swagger UI over /api/openapi.json), shown in the studio's "API reference" view.
          'api-reference': resolve(__dirname, 'src-renderer/api-reference.html'),
          // The hosted login page's script (served by the login server, not the studio): see src-login-page/.
          'login-page': resolve(__dirname, 'src-login-page/main.ts'),
        },
      },
    },
  },
});
