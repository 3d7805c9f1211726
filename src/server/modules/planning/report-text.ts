import type { PromiseFigures, RuleComparison, SimulationReport } from '../../../shared/planning.js';
import type { PlanningText } from './text/index.js';

/*
 * The simulation report as an operator reads it in a terminal (`plan simulate`), in their
 * language: the three rules side by side, then our rule by language, by country, by case manager,
 * and the hours where the promise breaks. `--json` gives the same report whole, for other tools.
 */

/** Columns padded to their widest cell: the first to the left, figures to the right. */
export function table(header: string[], rows: (string | number)[][]): string[] {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  return cells.map((row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function formatComparison(comparison: RuleComparison, text: PlanningText): string[] {
  const { t, percent } = text;
  const minutes = (value: number | null) => (value === null ? t('simulate.beyondRun') : value.toFixed(0));
  const times = (figures: PromiseFigures) =>
    [figures.minutesToFirstContact.p50, figures.minutesToFirstContact.p90, figures.minutesToFirstContact.p99]
      .map(minutes)
      .join(' / ');
  const byGroup = (title: string, groups: (PromiseFigures & { key: string })[]) => [
    title,
    ...table(
      ['', t('simulate.cases'), t('simulate.within24h'), t('simulate.minutes'), t('simulate.interpreter')],
      groups.map((group) => [
        group.key,
        group.cases,
        percent(group.withinShare),
        times(group),
        group.interpreterCases,
      ]),
    ).map((line) => `  ${line}`),
    '',
  ];
  const { ours, roundRobin, languageOnly } = comparison;
  const rules = [ours, roundRobin, languageOnly];
  const row = (label: string, value: (report: SimulationReport) => string | number) => [
    label,
    ...rules.map(value),
  ];
  const target = percent(comparison.target);
  const breaking = ours.breakingHours;
  return [
    t('simulate.heading', {
      from: ours.window.startsAt,
      to: ours.window.endsAt,
      requests: comparison.arrivals,
      caseManagers: comparison.caseManagers,
      seed: comparison.seed,
      target,
    }),
    '',
    ...table(
      ['', t('rules.ours'), t('rules.roundRobin'), t('rules.languageOnly')],
      [
        row(t('simulate.within24h'), (report) => percent(report.withinShare)),
        row(t('simulate.minutes'), times),
        row(t('simulate.interpreterCases'), (report) => report.interpreterCases),
        row(t('simulate.waited'), (report) => report.unassignedAtSubmission),
        row(t('simulate.moved'), (report) => report.rescuedAtBreach),
        row(t('simulate.notContacted'), (report) => report.notContacted),
      ],
    ),
    '',
    ...byGroup(
      t('simulate.byLanguage'),
      ours.byLanguage.map((entry) => ({ ...entry, key: entry.language })),
    ),
    ...byGroup(
      t('simulate.byCountry'),
      ours.byCountry.map((entry) => ({ ...entry, key: entry.country })),
    ),
    t('simulate.caseManagers'),
    ...table(
      [
        '',
        t('simulate.languages'),
        t('simulate.assigned'),
        t('simulate.contacts'),
        t('simulate.interpreter'),
        t('simulate.peakOpen'),
        t('simulate.onDutyHours'),
        t('simulate.busyHours'),
        t('simulate.utilisation'),
      ],
      ours.caseManagers.map((entry) => [
        entry.id,
        entry.languages.join(' '),
        entry.assigned,
        entry.contacts,
        entry.interpreterCases,
        entry.peakOpenCases,
        entry.onDutyHours,
        entry.busyHours,
        percent(entry.utilisation),
      ]),
    ).map((line) => `  ${line}`),
    '',
    breaking.length === 0 ? t('simulate.holds', { target }) : t('simulate.breaking', { target }),
    ...breaking.map(
      (hour) =>
        `  ${t('simulate.breakingHour', { hour: text.hourOfWeek(hour.hourOfWeek), cases: hour.cases, share: percent(hour.withinShare) })}`,
    ),
  ];
}
