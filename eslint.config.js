// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'db/migrations/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read settings through src/server/config.ts, parsed once at boot.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Take time from the injected clock (ctx.clock).',
        },
      ],
    },
  },
  {
    files: [
      'src/server/config.ts',
      'test/**',
      'bench/**',
      'scripts/**',
      'vitest.config.ts',
      'vite.config.ts',
      'drizzle.config.ts',
      'src/server/platform/clock.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The web app: the rules of hooks; the server's clock and settings rules do not apply there.
    files: ['src/web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Test bodies are read as loosely as a person reads a response; the assertions pin them down.
    files: ['**/*.test.ts', 'test/**', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
