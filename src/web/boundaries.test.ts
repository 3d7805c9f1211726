import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The import boundaries lint finds in one line of code at `filePath` (the file need not exist). */
async function refusedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = value;\n`, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('the web app’s import boundaries, as lint holds them', () => {
  it('keeps the server out of the browser’s code', async () => {
    expect(
      await refusedImports('src/web/app/anything.ts', "import { value } from '../../server/config';"),
    ).toHaveLength(1);
    expect(
      await refusedImports(
        'src/web/routes/workspace/reviews/anything.tsx',
        "import { value } from '../../../../server/modules/cases/service';",
      ),
    ).toHaveLength(1);
    expect(
      await refusedImports('src/web/app/anything.ts', "import { value } from '../../shared/cases';"),
    ).toEqual([]);
  });

  it('keeps each page area out of another’s folder, at any depth', async () => {
    expect(
      await refusedImports('src/web/routes/ops/anything.tsx', "import { value } from '../workspace/labels';"),
    ).toHaveLength(1);
    expect(
      await refusedImports(
        'src/web/routes/specialist/anything.tsx',
        "import { value } from '../../routes/workspace/refreshCase';",
      ),
    ).toHaveLength(1);
    expect(
      await refusedImports(
        'src/web/routes/workspace/reviews/anything.tsx',
        "import { value } from '../../member/promise';",
      ),
    ).toHaveLength(1);
    // Within its own area, and from the shared places, an area imports freely.
    expect(
      await refusedImports(
        'src/web/routes/workspace/reviews/anything.tsx',
        "import { value } from '../refreshCase';",
      ),
    ).toEqual([]);
    expect(
      await refusedImports(
        'src/web/routes/ops/anything.tsx',
        "import { value } from '../../features/staff/WriteError';",
      ),
    ).toEqual([]);
  });

  it('keeps pages out of what several areas share', async () => {
    expect(
      await refusedImports(
        'src/web/features/staff/anything.ts',
        "import { value } from '../../routes/workspace/labels';",
      ),
    ).toHaveLength(1);
    expect(
      await refusedImports(
        'src/web/app/anything.ts',
        "import { value } from '../features/staff/fieldWords';",
      ),
    ).toEqual([]);
  });
});
