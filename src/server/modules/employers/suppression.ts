/*
 * Statistical disclosure control for the employer's hub, as pure functions: which published cells
 * are hidden so that no member can be singled out.
 *
 * A family of tables is a set of cells (counts) tied together by sum relations: a total and the
 * parts it is the sum of (a row, a column, a breakdown of a total). The cells are decided once
 * for the whole family, so a cell that appears in several tables (the quarter's total appears in
 * every breakdown) is hidden in all of them or in none.
 *
 * 1. Primary suppression: every count under the threshold (zero included) is shown as
 *    "fewer than 5".
 * 2. Complementary suppression: a relation with exactly one hidden cell would give it away (the
 *    total minus the shown cells), so the smallest shown cell of that relation is withheld too;
 *    repeated until no relation has exactly one hidden cell.
 *
 * A withheld cell is always at least the threshold and a "fewer than 5" cell always below it.
 */

export const SUPPRESSION_THRESHOLD = 5;

export type PublishedCell =
  | { kind: 'count'; value: number }
  | { kind: 'fewer_than_5' }
  | { kind: 'withheld' };

/** A total and the parts it is the sum of, by cell id. */
export interface SumRelation {
  total: string;
  parts: readonly string[];
}

/**
 * Decides every cell of a family of tables. Deterministic: the same counts and relations always
 * hide the same cells (ties go to parts before totals, then to the smaller id).
 */
export function suppressCells(
  counts: ReadonlyMap<string, number>,
  relations: readonly SumRelation[],
  threshold = SUPPRESSION_THRESHOLD,
): Map<string, PublishedCell> {
  const hidden = new Map<string, 'fewer_than_5' | 'withheld'>();
  for (const [id, value] of counts) if (value < threshold) hidden.set(id, 'fewer_than_5');

  const valueOf = (id: string): number => {
    const value = counts.get(id);
    if (value === undefined) throw new Error(`suppression: relation names an unknown cell ${id}`);
    return value;
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (const relation of relations) {
      const members = [relation.total, ...relation.parts];
      const hiddenCount = members.filter((id) => hidden.has(id)).length;
      if (hiddenCount !== 1) continue;
      const candidates = members
        .filter((id) => !hidden.has(id))
        .map((id) => ({ id, value: valueOf(id), isTotal: id === relation.total }))
        .sort(
          (a, b) =>
            a.value - b.value || Number(a.isTotal) - Number(b.isTotal) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        );
      const chosen = candidates[0];
      // A relation of one cell only (a total of a single part) has no other cell to hide.
      if (!chosen) continue;
      hidden.set(chosen.id, 'withheld');
      changed = true;
    }
  }

  const published = new Map<string, PublishedCell>();
  for (const [id, value] of counts) {
    const why = hidden.get(id);
    published.set(id, why ? { kind: why } : { kind: 'count', value });
  }
  return published;
}
