/**
 * What every benchmark is made of: a name to select it by (`npm run bench <name>`), and a run
 * function that reports figures and registers the clean-up of whatever it starts.
 */
export interface Figure {
  metric: string;
  value: number;
  unit: string;
  /** The same figure for the baseline measured in the same run; null when there is none. */
  baseline: number | null;
  /** A goal the figure is read against (`ratio >= 0.7`, `value < 25`): printed, never enforced. */
  target?: string;
  /** Whether this run met the target. */
  met?: boolean;
}

export interface BenchContext {
  /** Prints one figure as a JSON line on stdout (the only thing that goes to stdout). */
  report(figure: Figure): void;
  /** Human-readable progress, on stderr. */
  progress(message: string): void;
  /** Registers a clean-up step; steps run in reverse order when the bench ends, fails or is interrupted. */
  defer(step: () => unknown): void;
  /** Seconds of measured load per target (BENCH_DURATION_SECONDS, default 10). */
  durationSeconds: number;
  /** Seconds of unmeasured load before each measurement (BENCH_WARMUP_SECONDS, default 2). */
  warmupSeconds: number;
}

export interface Bench {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<void>;
}

/** A failure the bench detected in what it measured (wrong statuses, say), after reporting its figures. */
export class BenchFailure extends Error {
  override name = 'BenchFailure';
}
