import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Which project a test file belongs to, decided by what it touches (see vitest.config.ts and
 * docs/testing.md). Read from the file's own text, so a file moved or renamed keeps its project.
 */
export type TestKind = 'unit' | 'integration' | 'browser' | 'process';

export const testKinds: readonly TestKind[] = ['unit', 'integration', 'browser', 'process'];

/** Where test files are: beside the code (`src/**`), in `test/`, and the journeys in `e2e/`. */
export const testFilePatterns = ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.e2e.test.ts'];

/** Starts the app as an operator does, as a child process. */
const startsTheAppProcess = /support\/app-process(\.js)?['"]/;
/** Takes a database: the test server (which clones one), or the server the global setup provides. */
const takesADatabase = /support\/server(\.js)?['"]|inject\(\s*['"](adminUrl|templateDatabase)['"]/;

export function testKindOf(file: string, text: string): TestKind {
  if (file.split(path.sep).join('/').startsWith('e2e/')) return 'browser';
  if (startsTheAppProcess.test(text)) return 'process';
  if (takesADatabase.test(text)) return 'integration';
  return 'unit';
}

/** Every test file under `root`, relative to it, by project. */
export function testFilesByKind(root: string): Record<TestKind, string[]> {
  const byKind: Record<TestKind, string[]> = { unit: [], integration: [], browser: [], process: [] };
  const files = globSync(testFilePatterns, { cwd: root, exclude: (name) => name === 'node_modules' });
  for (const file of files.sort()) {
    const relative = file.split(path.sep).join('/');
    byKind[testKindOf(relative, readFileSync(path.join(root, file), 'utf8'))].push(relative);
  }
  return byKind;
}
