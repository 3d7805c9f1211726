/** Clean-up steps run last-in first-out; a failing step is reported and does not stop the others. */
export class Cleanup {
  private readonly steps: (() => unknown)[] = [];
  private running: Promise<void> | undefined;

  add(step: () => unknown): void {
    this.steps.push(step);
  }

  /** Runs every step once, even when called again (a signal arriving during a normal clean-up). */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (let step = this.steps.pop(); step; step = this.steps.pop()) {
        try {
          await step();
        } catch (error) {
          process.stderr.write(
            `clean-up step failed: ${error instanceof Error ? error.message : String(error)}\n`,
          );
        }
      }
    })();
    return this.running;
  }
}
