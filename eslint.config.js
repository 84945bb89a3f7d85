import tseslint from 'typescript-eslint';

const ELECTRON = { name: 'electron', message: 'Only src-main/electron/ may import electron; the engine is host-agnostic.' };

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The engine must run without Electron: only the desktop shell may import it.
      'no-restricted-imports': [
        'error',
        { paths: [ELECTRON] },
      ],
    },
  },
  {
    files: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  // The two domains never import each other: the login server talks to WeChat only over HTTP, and the mock
  // platform knows nothing of who listens to its pushes. What needs both lives in src-main/core/studio.
  {
    files: ['src-main/core/login/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [
            { group: ['**/platform', '**/platform/**'], message: 'The login server talks to WeChat only over HTTP (wechat-client.ts); it never imports the mock platform.' },
            { group: ['**/studio', '**/studio/**', '**/relay', '**/relay/**'], message: 'The login server does not know the studio or its relays.' },
            { group: ['**/core/oidc', '**/core/oidc/**', '../oidc', '../oidc/**', '../../oidc', '../../oidc/**'], message: 'The OpenID Connect provider builds on the login server, never the reverse (see login/README.md).' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/core/platform/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [
            { group: ['**/login', '**/login/**'], message: 'The mock platform pushes over HTTP to whatever URL an account names; it never imports the login server.' },
            { group: ['**/studio', '**/studio/**', '**/relay', '**/relay/**'], message: 'The mock platform does not know the studio or its relays.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/core/relay/**', 'src-main/core/wechat/**', 'src-main/core/receiver/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [{ group: ['**/login', '**/login/**', '**/platform', '**/platform/**', '**/studio', '**/studio/**'], message: 'Relays and the protocol core stand apart from both domains.' }],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the engine over HTTP + SSE; desktop extras go through window.followStudio.' }],
          patterns: [{ group: ['node:*', '**/core/**', '**/serve/**', '**/electron/**'], message: 'The renderer may import only src-main/contracts.' }],
        },
      ],
    },
  },
);
