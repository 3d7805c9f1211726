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
 *    total minus the shown cells), and so would hidden cells whose known sum leaves them no room
 *    (two "fewer than 5" cells that add up to 0 are both 0). The smallest shown cell of such a
 *    relation is withheld too, until every relation leaves each hidden cell more than one value.
 *
 * A withheld cell is always at least the threshold and a "fewer than 5" cell always below it.
 */

export const SUPPRESSION_THRESHOLD = 5;

export type PublishedCell =
  { kind: 'count'; value: number } | { kind: 'fewer_than_5' } | { kind: 'withheld' };

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

  /** Withholds the smallest shown cell of a relation; false when it shows none. */
  const withholdOneOf = (relation: SumRelation): boolean => {
    const chosen = [relation.total, ...relation.parts]
      .filter((id) => !hidden.has(id))
      .map((id) => ({ id, value: valueOf(id), isTotal: id === relation.total }))
      .sort(
        (a, b) =>
          a.value - b.value ||
          Number(a.isTotal) - Number(b.isTotal) ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )[0];
    if (!chosen) return false;
    hidden.set(chosen.id, 'withheld');
    return true;
  };

  for (;;) {
    for (let changed = true; changed;) {
      changed = false;
      for (const relation of relations)
        if (givesAway(relation, hidden, valueOf, threshold) && withholdOneOf(relation)) changed = true;
    }
    // Relations that are each safe alone can still pin a cell together (a row and a column
    // narrowing the same cell): hide one more cell next to the first pinned one, and look again.
    const pinned = pinnedCells(counts, relations, hidden, threshold)[0];
    if (pinned === undefined) break;
    const around = relations.filter(
      (relation) => relation.total === pinned || relation.parts.includes(pinned),
    );
    if (!around.some(withholdOneOf)) break;
  }

  const published = new Map<string, PublishedCell>();
  for (const [id, value] of counts) {
    const why = hidden.get(id);
    published.set(id, why ? { kind: why } : { kind: 'count', value });
  }
  return published;
}

/**
 * Whether what a relation shows pins its hidden cells: the total minus the shown parts is the
 * signed sum of the hidden ones, and a reader knows each "fewer than 5" is 0..4 and each withheld
 * count is 5 or more. One hidden cell is pinned at once; several are pinned when that sum can only
 * be reached one way (its least or its greatest possible value). Hidden cells whose sum lies
 * strictly between those ends can each take at least two values.
 */
function givesAway(
  relation: SumRelation,
  hidden: ReadonlyMap<string, 'fewer_than_5' | 'withheld'>,
  valueOf: (id: string) => number,
  threshold: number,
): boolean {
  const signed = [{ id: relation.total, sign: 1 }, ...relation.parts.map((id) => ({ id, sign: -1 }))].filter(
    ({ id }) => hidden.has(id),
  );
  if (signed.length === 0) return false;
  if (signed.length === 1) return true;
  let known = 0;
  let least = 0;
  let greatest = 0;
  for (const { id, sign } of signed) {
    const [low, high] = hidden.get(id) === 'fewer_than_5' ? [0, threshold - 1] : [threshold, Infinity];
    known += sign * valueOf(id);
    least += sign > 0 ? low : -high;
    greatest += sign > 0 ? high : -low;
  }
  return known === least || known === greatest;
}

type Bounds = { low: number; high: number };

/**
 * What a reader can narrow each hidden cell to from every published sum at once: each relation
 * bounds its total by its parts and each part by the total and the other parts, repeated until
 * nothing narrows. The hidden cells left with a single possible value, sorted by id.
 */
export function pinnedCells(
  counts: ReadonlyMap<string, number>,
  relations: readonly SumRelation[],
  hidden: ReadonlyMap<string, 'fewer_than_5' | 'withheld'>,
  threshold = SUPPRESSION_THRESHOLD,
): string[] {
  const bounds = new Map<string, Bounds>();
  const boundsOf = (id: string): Bounds => {
    let found = bounds.get(id);
    if (!found) {
      const why = hidden.get(id);
      const value = counts.get(id) ?? 0;
      found =
        why === 'fewer_than_5'
          ? { low: 0, high: threshold - 1 }
          : why === 'withheld'
            ? { low: threshold, high: Infinity }
            : { low: value, high: value };
      bounds.set(id, found);
    }
    return found;
  };
  for (let round = 0, changed = true; changed && round < 100; round += 1) {
    changed = false;
    for (const relation of relations) {
      const total = boundsOf(relation.total);
      const parts = relation.parts.map(boundsOf);
      const sumLow = parts.reduce((sum, part) => sum + part.low, 0);
      const sumHigh = parts.reduce((sum, part) => sum + part.high, 0);
      const tighten = (target: Bounds, low: number, high: number) => {
        if (low > target.low) {
          target.low = low;
          changed = true;
        }
        if (high < target.high) {
          target.high = high;
          changed = true;
        }
      };
      tighten(total, sumLow, sumHigh);
      for (const part of parts)
        tighten(part, total.low - (sumHigh - part.high), total.high - (sumLow - part.low));
    }
  }
  return [...hidden.keys()].filter((id) => boundsOf(id).low === boundsOf(id).high).sort();
}
