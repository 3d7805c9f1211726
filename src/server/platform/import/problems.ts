/**
 * The problem log of an import: every problem found in a file, row by row, and which rows they
 * reject. What a problem says (its fields, its codes) is the importer's; the log only needs to
 * know which row a problem belongs to (null: the file as a whole, which rejects no row of its own).
 */
export class ProblemLog<Problem> {
  readonly problems: Problem[] = [];
  /** Every problem added, also those past the limit. */
  total = 0;
  private readonly rejected = new Set<string | number>();

  constructor(
    private readonly rowOf: (problem: Problem) => string | number | null,
    /** How many problems are kept: a file of bad rows must not fill memory with its report. */
    private readonly limit = Number.POSITIVE_INFINITY,
  ) {}

  add(problem: Problem): void {
    this.total += 1;
    const row = this.rowOf(problem);
    if (row !== null) this.rejected.add(row);
    if (this.problems.length < this.limit) this.problems.push(problem);
  }

  addAll(problems: Iterable<Problem>): void {
    for (const problem of problems) this.add(problem);
  }

  isRejected(row: string | number): boolean {
    return this.rejected.has(row);
  }

  get rowsRejected(): number {
    return this.rejected.size;
  }
}
