/*
 * The hub's tables for one employer and one quarter, built from counted facts and suppressed as
 * one family per measure (suppression.ts), so that every breakdown of a measure and every total
 * it shares with the others are decided together. Pure: the service reads the facts, this file
 * only counts and hides.
 */
import type { AgeBand, HubBreakdown, HubRow, PublishedCount } from '../../../shared/employers.js';
import { ageBands } from '../../../shared/employers.js';
import { suppressCells, type PublishedCell, type SumRelation } from './suppression.js';

/** The breakdowns other than the company as a whole. */
export const splitBreakdowns = ['country', 'plan', 'age_band'] as const satisfies readonly HubBreakdown[];
export type SplitBreakdown = (typeof splitBreakdowns)[number];

/** The groups a person falls in, one per breakdown. */
export type GroupKeys = Record<SplitBreakdown, string>;

/** The groups each breakdown lists, in order (every group of the quarter's population). */
export type GroupLists = Record<SplitBreakdown, readonly string[]>;

export const TOTAL = '*';

const cellId = (row: string, column: string) => `${row}|${column}`;
const groupColumn = (breakdown: SplitBreakdown, key: string) => `${breakdown}:${key}`;

/**
 * One measure's family: rows (months, outcomes, star counts; none for a single row) × the groups
 * of every breakdown, with the totals of each row, each column and the whole. The rows split the
 * whole one way by default; `partitions` gives several ways (the cases whose diagnosis changed or
 * not, and those whose treatment changed or not, are two splits of the same cases), each fact then
 * naming its row in every partition.
 */
export class TableFamily {
  private readonly published: Map<string, PublishedCell>;

  constructor(
    readonly rows: readonly string[],
    readonly groups: GroupLists,
    facts: readonly { row?: string; rows?: readonly string[]; groups: GroupKeys }[],
    partitions: readonly (readonly string[])[] = rows.length > 0 ? [rows] : [],
  ) {
    const counts = new Map<string, number>();
    const allRows = [...rows, TOTAL];
    const columns = [
      TOTAL,
      ...splitBreakdowns.flatMap((breakdown) => groups[breakdown].map((key) => groupColumn(breakdown, key))),
    ];
    for (const row of allRows) for (const column of columns) counts.set(cellId(row, column), 0);
    const add = (id: string) => {
      const count = counts.get(id);
      // A fact outside the listed groups or rows would make the totals disagree with their parts.
      if (count === undefined) throw new Error(`hub figures: no cell ${id}`);
      counts.set(id, count + 1);
    };
    for (const fact of facts) {
      const own = fact.rows ?? (fact.row === undefined ? [] : [fact.row]);
      if (own.length !== partitions.length)
        throw new Error('hub figures: a fact needs a row in each partition');
      for (const row of [...own, TOTAL]) {
        add(cellId(row, TOTAL));
        for (const breakdown of splitBreakdowns)
          if (groups[breakdown].length > 0) add(cellId(row, groupColumn(breakdown, fact.groups[breakdown])));
      }
    }

    const relations: SumRelation[] = [];
    for (const row of allRows) {
      for (const breakdown of splitBreakdowns) {
        const parts = groups[breakdown].map((key) => cellId(row, groupColumn(breakdown, key)));
        if (parts.length > 0) relations.push({ total: cellId(row, TOTAL), parts });
      }
    }
    for (const partition of partitions) {
      for (const column of columns)
        relations.push({ total: cellId(TOTAL, column), parts: partition.map((row) => cellId(row, column)) });
    }
    this.published = suppressCells(counts, relations);
  }

  private cell(row: string, column: string): PublishedCount {
    const found = this.published.get(cellId(row, column));
    if (!found) throw new Error(`hub figures: no cell ${row}|${column}`);
    return found;
  }

  /** A row as a breakdown shows it: a cell per group, then the row's total. */
  row(row: string, breakdown: HubBreakdown): HubRow {
    return {
      byGroup:
        breakdown === 'none'
          ? []
          : this.groups[breakdown].map((key) => this.cell(row, groupColumn(breakdown, key))),
      total: this.cell(row, TOTAL),
    };
  }

  total(breakdown: HubBreakdown): HubRow {
    return this.row(TOTAL, breakdown);
  }
}

/** A person's age band on a day (YYYY-MM-DD strings). */
export function ageBandOn(dateOfBirth: string, onDate: string): AgeBand {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  if (age < 18) return 'under_18';
  if (age < 30) return '18_29';
  if (age < 45) return '30_44';
  if (age < 60) return '45_59';
  return '60_plus';
}

/** Every age band is listed, whoever the population is; countries and plans are those present. */
export function groupListsOf(population: readonly GroupKeys[]): GroupLists {
  const present = (breakdown: SplitBreakdown) =>
    [...new Set(population.map((person) => person[breakdown]))].sort();
  return { country: present('country'), plan: present('plan'), age_band: [...ageBands] };
}

/** Kept / decided when both are shown, else null (a share of hidden counts would give them away). */
export function shareOf(part: PublishedCount, whole: PublishedCount): number | null {
  if (part.kind !== 'count' || whole.kind !== 'count' || whole.value === 0) return null;
  return Math.round((part.value / whole.value) * 1000) / 1000;
}
