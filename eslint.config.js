// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// ---- Web app boundaries -------------------------------------------------------------------------
// The browser's code never reaches into the server's, and a page area (routes/<area>/) never into
// another's folder: what several areas share lives in app/, components/, features/ or api/, and
// those never import a page. Relative imports are matched as written, at any depth.
const webAreas = ['member', 'workspace', 'ops', 'specialist', 'account'];
const noServerInWeb = {
  regex: '(^|/)server(/|$)',
  message: 'The web app imports from src/shared (schemas, enums, limits), never from src/server.',
};
const noAreaFrom = (area) => ({
  regex: `^(\\.\\./)+(${webAreas.filter((other) => other !== area).join('|')})(/|$)|(^|/)routes/(?!${area}/)`,
  message: `routes/${area}/ does not import another area's folder: move what is shared to app/, components/ or features/.`,
});
const noPageFromShared = {
  regex: '(^|/)routes(/|$)',
  message:
    'Shared code (app/, components/, features/, api/, i18n/) never imports a page; the router loads pages lazily.',
};
const webBoundaries = [
  {
    files: ['src/web/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noServerInWeb] }] },
  },
  ...webAreas.map((area) => ({
    files: [`src/web/routes/${area}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns: [noServerInWeb, noAreaFrom(area)] }] },
  })),
  {
    files: ['src/web/{app,components,features,api,i18n}/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noServerInWeb, noPageFromShared] }] },
  },
];
// ---- end of web app boundaries -------------------------------------------------------------------

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
  ...webBoundaries,
);
