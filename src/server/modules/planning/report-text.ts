import type { PromiseFigures, RuleComparison, SimulationReport } from '../../../shared/planning.js';

/*
 * The simulation report as an operator reads it in a terminal (`plan simulate`): the three rules
 * side by side, then our rule by language, by country, by case manager, and the hours where the
 * promise breaks. `--json` gives the same report whole, for other tools.
 */

const percent = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(2)} %`);
const minutes = (value: number | null) => (value === null ? '> run' : value.toFixed(0));
const times = (figures: PromiseFigures) =>
  [figures.minutesToFirstContact.p50, figures.minutesToFirstContact.p90, figures.minutesToFirstContact.p99]
    .map(minutes)
    .join(' / ');

function table(header: string[], rows: (string | number)[][]): string[] {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  return cells.map((row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
}

function byGroup(title: string, groups: (PromiseFigures & { key: string })[]): string[] {
  return [
    title,
    ...table(
      ['', 'cases', 'within 24 h', 'p50 / p90 / p99 min', 'interpreter'],
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
}

function caseManagers(report: SimulationReport): string[] {
  return [
    'Case managers (our rule)',
    ...table(
      [
        '',
        'languages',
        'assigned',
        'contacts',
        'interpreter',
        'peak open',
        'on duty h',
        'busy h',
        'utilisation',
      ],
      report.caseManagers.map((entry) => [
        entry.id,
        entry.languages.join(' '),
        entry.assigned,
        entry.contacts,
        entry.interpreterCases,
        entry.peakOpenCases,
        entry.onDutyHours,
        entry.busyHours,
        entry.utilisation === null ? '–' : percent(entry.utilisation),
      ]),
    ).map((line) => `  ${line}`),
    '',
  ];
}

export function formatComparison(comparison: RuleComparison): string[] {
  const { ours, roundRobin, languageOnly } = comparison;
  const rules = [ours, roundRobin, languageOnly];
  const row = (label: string, value: (report: SimulationReport) => string | number) => [
    label,
    ...rules.map(value),
  ];
  const breaking = ours.breakingHours;
  return [
    `Requests submitted ${ours.window.startsAt} to ${ours.window.endsAt}: ${comparison.arrivals}, ` +
      `${comparison.caseManagers} case managers, seed ${comparison.seed}, target ${percent(comparison.target)} within 24 h`,
    '',
    ...table(
      ['', 'our rule', 'round-robin', 'language only'],
      [
        row('contacted within 24 h', (report) => percent(report.withinShare)),
        row('p50 / p90 / p99 min', times),
        row('interpreter cases', (report) => report.interpreterCases),
        row('waited for operations', (report) => report.unassignedAtSubmission),
        row('moved at breach', (report) => report.rescuedAtBreach),
        row('not contacted', (report) => report.notContacted),
      ],
    ),
    '',
    ...byGroup(
      'By language (our rule)',
      ours.byLanguage.map((entry) => ({ ...entry, key: entry.language })),
    ),
    ...byGroup(
      'By country (our rule)',
      ours.byCountry.map((entry) => ({ ...entry, key: entry.country })),
    ),
    ...caseManagers(ours),
    breaking.length === 0
      ? `The promise holds for ${percent(comparison.target)} in every hour of the week (our rule).`
      : `Hours of the week where fewer than ${percent(comparison.target)} were contacted in time (our rule, by submission):`,
    ...breaking.map((hour) => `  ${hour.label}  ${hour.cases} cases, ${percent(hour.withinShare)}`),
  ];
}
