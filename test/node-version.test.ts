import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The project brings its own Node (the `node` package, pinned in package.json), and npm puts its
 * binary first on the path of every script: the tests, their workers and the servers they start
 * run on it even where the machine's own Node is older (docs/decisions/0014-node-24.md).
 */
describe('the Node the project runs on', () => {
  it('is the Node 24 pinned in package.json, in the test workers too', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const pinned = manifest.dependencies.node;
    expect(pinned).toMatch(/^24\.\d+\.\d+$/);
    expect(process.version).toBe(`v${pinned}`);
  });
});
