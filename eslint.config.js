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
  // ---- The house's boundaries on the server (docs/architecture.md, "Rooms and their faces") ----
  {
    // A room reaches another room through its public face (index.ts) and, for foreign keys and
    // joins, its tables (schema.ts); never its repo, service, policy or any other file.
    files: ['src/server/modules/*/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./[^./]+/(?!index\\.js$|schema\\.js$)',
              message:
                "Another room's internals: import its public face (index.ts) or its tables (schema.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/modules/*/*/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./\\.\\./(?!platform/)[^./]+/(?!index\\.js$|schema\\.js$)',
              message:
                "Another room's internals: import its public face (index.ts) or its tables (schema.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    // Routes validate, authorise, call one use case and present: no queries of their own.
    files: ['src/server/modules/*/routes.ts', 'src/server/modules/*/routes/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)repo(\\.js)?$', message: 'Routes call use cases (service), never the repo.' },
          ],
        },
      ],
    },
  },
  {
    // The platform knows nothing of the domain: no room, no app wiring.
    files: ['src/server/platform/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(modules/|rooms?\\.js$|app\\.js$|boot\\.js$)',
              message: 'The platform knows no room: the app gives it what it needs.',
            },
          ],
        },
      ],
    },
  },
  {
    // Test bodies are read as loosely as a person reads a response; the assertions pin them down.
    files: ['**/*.test.ts', 'test/**', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
