import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * After the default report: the Node the tests ran on, and how many tests ran (passed or failed,
 * not skipped) in each project. With TEST_COUNTS_FILE set, the same figures are written there as
 * JSON for `.ci/run`, which checks that no pass runs fewer tests than it did.
 */
export default class CountReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const byProject: Record<string, { ran: number; passed: number; failed: number; skipped: number }> = {};
    for (const module of testModules) {
      const name = module.project.name || 'default';
      const counts = (byProject[name] ??= { ran: 0, passed: 0, failed: 0, skipped: 0 });
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed += 1;
        else if (state === 'failed') counts.failed += 1;
        else counts.skipped += 1;
      }
      counts.ran = counts.passed + counts.failed;
    }
    const ran = Object.values(byProject).reduce((sum, counts) => sum + counts.ran, 0);
    const parts = Object.entries(byProject)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([name, counts]) => `${name} ${counts.ran}${counts.skipped ? ` (+${counts.skipped} skipped)` : ''}`,
      );
    process.stdout.write(`\nOn Node ${process.version}, ${ran} tests ran: ${parts.join(', ')}\n`);
    const file = process.env.TEST_COUNTS_FILE;
    if (file) writeFileSync(file, `${JSON.stringify({ node: process.version, ran, byProject }, null, 2)}\n`);
  }
}
