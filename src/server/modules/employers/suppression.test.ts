import { describe, expect, it } from 'vitest';
import { ageBandOn, groupListsOf, TableFamily, type GroupKeys } from './figures.js';
import { publishedFrom, publishedQuarters, quarterOf, requestedQuarter } from './quarters.js';
import { pinnedCells, suppressCells, type PublishedCell } from './suppression.js';

const shown = (cells: Map<string, PublishedCell>) =>
  Object.fromEntries(
    [...cells].map(([id, cell]) => [
      id,
      cell.kind === 'count' ? cell.value : cell.kind === 'fewer_than_5' ? '<5' : 'x',
    ]),
  );

describe('suppressing small counts', () => {
  it.each([
    {
      story: 'nothing small: everything is shown',
      counts: { t: 30, a: 10, b: 20 },
      expected: { t: 30, a: 10, b: 20 },
    },
    {
      story: 'one small part: the next smallest part is withheld too, so the total cannot give it away',
      counts: { t: 33, a: 3, b: 10, c: 20 },
      expected: { t: 33, a: '<5', b: 'x', c: 20 },
    },
    {
      story: 'zero counts as small as any count under five',
      counts: { t: 30, a: 0, b: 12, c: 18 },
      expected: { t: 30, a: '<5', b: 'x', c: 18 },
    },
    {
      story: 'two small parts hide each other',
      counts: { t: 27, a: 1, b: 4, c: 22 },
      expected: { t: 27, a: '<5', b: '<5', c: 22 },
    },
    {
      story: 'a small total with one part: both are under five',
      counts: { t: 2, a: 2 },
      expected: { t: '<5', a: '<5' },
    },
    {
      story: 'a small total whose parts are all shown... cannot be: a hidden total takes a part with it',
      counts: { t: 4, a: 4, b: 0 },
      expected: { t: '<5', a: '<5', b: '<5' },
    },
    {
      story: 'ties go to the part before the total, then to the smaller id',
      counts: { t: 17, a: 2, b: 5, c: 5, d: 5 },
      expected: { t: 17, a: '<5', b: 'x', c: 5, d: 5 },
    },
    {
      story: 'a single-part total withheld because its part was',
      counts: { t: 10, a: 10 },
      expected: { t: 10, a: 10 },
    },
  ])('$story', ({ counts, expected }) => {
    const parts = Object.keys(counts).filter((id) => id !== 't');
    const cells = suppressCells(new Map(Object.entries(counts)), [{ total: 't', parts }]);
    expect(shown(cells)).toEqual(expected);
  });

  it('withholds along rows and columns until no line has a single hidden cell', () => {
    // A 2 × 3 table with its margins: r1 = a b c, r2 = d e f, columns and totals.
    const counts = {
      a: 3,
      b: 9,
      c: 12,
      r1: 24,
      d: 8,
      e: 7,
      f: 30,
      r2: 45,
      ca: 11,
      cb: 16,
      cc: 42,
      all: 69,
    };
    const relations = [
      { total: 'r1', parts: ['a', 'b', 'c'] },
      { total: 'r2', parts: ['d', 'e', 'f'] },
      { total: 'ca', parts: ['a', 'd'] },
      { total: 'cb', parts: ['b', 'e'] },
      { total: 'cc', parts: ['c', 'f'] },
      { total: 'all', parts: ['r1', 'r2'] },
      { total: 'all', parts: ['ca', 'cb', 'cc'] },
    ];
    const cells = suppressCells(new Map(Object.entries(counts)), relations);
    for (const { total, parts } of relations) {
      const hidden = [total, ...parts].filter((id) => cells.get(id)?.kind !== 'count');
      expect(hidden.length === 0 || hidden.length >= 2, `${total} = ${parts.join(' + ')}`).toBe(true);
    }
    expect(cells.get('a')).toEqual({ kind: 'fewer_than_5' });
    // Every withheld count is at least five, every "fewer than 5" under it.
    for (const [id, cell] of cells) {
      const value = counts[id as keyof typeof counts];
      if (cell.kind === 'withheld') expect(value).toBeGreaterThanOrEqual(5);
      if (cell.kind === 'fewer_than_5') expect(value).toBeLessThan(5);
      if (cell.kind === 'count') expect(cell.value).toBe(value);
    }
  });

  it('withholds more when hidden cells add up to a sum they can reach one way only', () => {
    // Two "fewer than 5" beside a shown 7 in a total of 7: both must be 0.
    const cells = suppressCells(new Map(Object.entries({ t: 7, a: 7, b: 0, c: 0 })), [
      { total: 't', parts: ['a', 'b', 'c'] },
    ]);
    expect(shown(cells)).toEqual({ t: 7, a: 'x', b: '<5', c: '<5' });
  });

  it('withholds more when a row and a column together pin a cell that each alone leaves open', () => {
    // Row r: a + b = 1 (both hidden); column k: a + c = 5 with c hidden and under 5, so a >= 1,
    // then a = 1 and b = 0. The suppression finds it, as a reader would, and hides more.
    const counts = { a: 1, b: 0, x: 9, r: 10, c: 4, y: 6, k: 5, s: 10 };
    const relations = [
      { total: 'r', parts: ['a', 'b', 'x'] },
      { total: 'k', parts: ['a', 'c'] },
      { total: 's', parts: ['c', 'y'] },
    ];
    const cells = suppressCells(new Map(Object.entries(counts)), relations);
    const hidden = new Map(
      [...cells].flatMap(([id, cell]) => (cell.kind === 'count' ? [] : [[id, cell.kind] as const])),
    );
    expect(pinnedCells(new Map(Object.entries(counts)), relations, hidden)).toEqual([]);
    expect(cells.get('a')).toEqual({ kind: 'fewer_than_5' });
  });

  it('decides the same counts the same way every time', () => {
    const counts = new Map(Object.entries({ t: 40, a: 2, b: 6, c: 6, d: 26 }));
    const relations = [{ total: 't', parts: ['a', 'b', 'c', 'd'] }];
    expect(shown(suppressCells(counts, relations))).toEqual(shown(suppressCells(counts, [...relations])));
  });
});

describe('a family of tables shares its totals across breakdowns', () => {
  const person = (country: string, plan: string, age_band: string): GroupKeys => ({
    country,
    plan,
    age_band,
  });
  const population = [
    ...Array.from({ length: 20 }, () => person('ES', 'CORP', '30_44')),
    person('FR', 'CORP', '45_59'),
    ...Array.from({ length: 6 }, () => person('ES', 'EXEC', '45_59')),
  ];

  it('hides the lone person in France and a second country with them, and the total stays shown', () => {
    const family = new TableFamily(
      [],
      groupListsOf(population),
      population.map((groups) => ({ groups })),
    );
    expect(family.total('country')).toEqual({
      byGroup: [{ kind: 'withheld' }, { kind: 'fewer_than_5' }],
      total: { kind: 'count', value: 27 },
    });
    expect(family.total('plan').total).toEqual(family.total('none').total);
    // Three empty bands would add up to 0 beside the two shown ones, and so be known empty:
    // the smaller shown band is withheld with them.
    expect(family.total('age_band').byGroup).toEqual([
      { kind: 'fewer_than_5' },
      { kind: 'fewer_than_5' },
      { kind: 'count', value: 20 },
      { kind: 'withheld' },
      { kind: 'fewer_than_5' },
    ]);
  });

  it('splits the same cases two ways as one family: their shared total is one cell, and a hidden split keeps its pair hidden', () => {
    // 27 outcomes: 3 diagnoses changed (fewer than 5), 10 treatments changed.
    const family = new TableFamily(
      ['dx_changed', 'dx_stood', 'tx_changed', 'tx_stood'],
      groupListsOf(population),
      population.map((groups, index) => ({
        rows: [
          index < 3 ? 'dx_changed' : 'dx_stood',
          index % 3 === 0 && index < 30 ? 'tx_changed' : 'tx_stood',
        ],
        groups,
      })),
      [
        ['dx_changed', 'dx_stood'],
        ['tx_changed', 'tx_stood'],
      ],
    );
    expect(family.total('none').total).toEqual({ kind: 'count', value: 27 });
    expect(family.row('dx_changed', 'none').total).toEqual({ kind: 'fewer_than_5' });
    // 27 minus the stood ones would give the changed ones away: withheld.
    expect(family.row('dx_stood', 'none').total).toEqual({ kind: 'withheld' });
    expect(family.row('tx_changed', 'none').total).toEqual({ kind: 'count', value: 9 });
    expect(family.row('tx_stood', 'none').total).toEqual({ kind: 'count', value: 18 });
    expect(
      () =>
        new TableFamily(
          ['a', 'b'],
          groupListsOf(population),
          [{ row: 'a', groups: population[0]! }],
          [['a'], ['b']],
        ),
    ).toThrow(/a row in each partition/);
  });
});

describe('the periods the hub serves', () => {
  it.each([
    [{ quarter: '2026-Q3' }, '2026-Q3'],
    [{ from: '2026-07-01', to: '2026-09-30' }, '2026-Q3'],
    [{ from: '2025-10-01', to: '2025-12-31' }, '2025-Q4'],
  ])('takes a whole quarter: %j', (request, label) => {
    const decision = requestedQuarter(request);
    expect(decision.ok && decision.quarter.label).toBe(label);
  });

  it.each([
    ['a day', { from: '2026-08-03', to: '2026-08-03' }],
    ['a month', { from: '2026-07-01', to: '2026-07-31' }],
    ['a quarter shifted by a month', { from: '2026-08-01', to: '2026-10-31' }],
    ['two quarters', { from: '2026-01-01', to: '2026-06-30' }],
    ['a date that does not exist', { from: '2026-04-01', to: '2026-06-31' }],
    ['both forms at once', { quarter: '2026-Q3', from: '2026-07-01', to: '2026-09-30' }],
    ['a fifth quarter', { quarter: '2026-Q5' }],
    ['nothing', {}],
  ])('refuses %s', (_story, request) => {
    expect(requestedQuarter(request).ok).toBe(false);
  });

  it('publishes a quarter once it is over and settled', () => {
    const q3 = quarterOf(2026, 3);
    expect(q3.months).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(publishedFrom(q3).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    const labels = (now: string) =>
      publishedQuarters(new Date(now), new Date('2025-01-01T00:00:00Z')).map((quarter) => quarter.label);
    expect(labels('2026-10-31T23:59:59Z')).toEqual([
      '2026-Q2',
      '2026-Q1',
      '2025-Q4',
      '2025-Q3',
      '2025-Q2',
      '2025-Q1',
    ]);
    expect(labels('2026-11-01T00:00:00Z')[0]).toBe('2026-Q3');
  });

  it('counts ages on the last day of the quarter', () => {
    expect(ageBandOn('2008-09-30', '2026-09-30')).toBe('18_29');
    expect(ageBandOn('2008-10-01', '2026-09-30')).toBe('under_18');
    expect(ageBandOn('1966-09-30', '2026-09-30')).toBe('60_plus');
  });
});
