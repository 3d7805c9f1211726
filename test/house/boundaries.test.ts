import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import madge from 'madge';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * The house's rules hold because lint fails on a breach: each story writes the breach a newcomer
 * might write, at the place they would write it, and reads lint's verdict. (Nothing is written to
 * the source tree: ESLint lints the text as if it were at that path.)
 */
const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint keeps the rooms apart', () => {
  it("refuses a room importing another room's repo or service, and takes its public face and tables", async () => {
    const file = 'src/server/modules/messaging/newfile.ts';
    expect(
      await restrictedImports(file, "import { findCase } from '../cases/repo.js';\nfindCase;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedImports(file, "import { getCase } from '../cases/service.js';\ngetCase;\n"),
    ).toHaveLength(1);
    expect(
      await restrictedImports(file, "import { findCase } from '../cases/index.js';\nfindCase;\n"),
    ).toEqual([]);
    expect(
      await restrictedImports(file, "import { opinionCase } from '../cases/schema.js';\nopinionCase;\n"),
    ).toEqual([]);
    // Its own files are its own.
    expect(await restrictedImports(file, "import * as repo from './repo.js';\nrepo;\n")).toEqual([]);
  });

  it('refuses the same from a file in a folder of a room, and lets it reach the platform', async () => {
    const file = 'src/server/modules/specialists/import/newfile.ts';
    expect(
      await restrictedImports(file, "import * as plans from '../../plans/repo.js';\nplans;\n"),
    ).toHaveLength(1);
    expect(await restrictedImports(file, "import { x } from '../../platform/import/csv.js';\nx;\n")).toEqual(
      [],
    );
    expect(
      await restrictedImports(file, "import { specialist } from '../schema.js';\nspecialist;\n"),
    ).toEqual([]);
  });

  it('refuses a route reading the repo', async () => {
    expect(
      await restrictedImports(
        'src/server/modules/cases/routes.ts',
        "import * as repo from './repo.js';\nrepo;\n",
      ),
    ).toHaveLength(1);
  });

  it('refuses the platform importing a room or the app', async () => {
    const file = 'src/server/platform/newfile.ts';
    expect(
      await restrictedImports(file, "import { x } from '../modules/cases/index.js';\nx;\n"),
    ).toHaveLength(1);
    expect(await restrictedImports(file, "import { rooms } from '../rooms.js';\nrooms;\n")).toHaveLength(1);
  });
});

describe('the cycle check', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'consilium-cycle-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('finds two files that import each other, and not a type-only import back', async () => {
    writeFileSync(path.join(folder, 'a.ts'), "import { b } from './b.js';\nexport const a = () => b;\n");
    writeFileSync(path.join(folder, 'b.ts'), "import { a } from './a.js';\nexport const b = () => a;\n");
    writeFileSync(
      path.join(folder, 'c.ts'),
      "import type { d } from './d.js';\nexport const c = (x: d) => x;\n",
    );
    writeFileSync(
      path.join(folder, 'd.ts'),
      "import { c } from './c.js';\nexport type d = ReturnType<typeof c>;\n",
    );
    // The project's own settings (.madgerc), as `npm run lint` uses them.
    const settings = JSON.parse(readFileSync(path.join(root, '.madgerc'), 'utf8')) as Record<string, unknown>;
    const result = await madge(folder, { ...settings, tsConfig: path.join(root, 'tsconfig.json') });
    expect(result.circular()).toEqual([['a.ts', 'b.ts']]);
  });
});
