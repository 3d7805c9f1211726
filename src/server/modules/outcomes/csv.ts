import { stringify } from 'csv-stringify/sync';
import type { OutcomeAnalytics, Share } from '../../../shared/outcomes.js';

const columns = [
  'breakdown',
  'group',
  'cases',
  'diagnosis_changed',
  'diagnosis_changed_share',
  'diagnosis_changed_low95',
  'diagnosis_changed_high95',
  'treatment_changed',
  'treatment_changed_share',
  'treatment_changed_low95',
  'treatment_changed_high95',
];

const figure = (value: number | null) => (value === null ? '' : value.toFixed(4));
const shareCells = (share: Share) => [share.n, figure(share.share), figure(share.low), figure(share.high)];

/**
 * The figures as CSV (RFC 4180, comma, header row): all cases, each group of the breakdown, and
 * the published series for comparison. Shares are fractions (0–1) with four decimals, so that a
 * spreadsheet in any language reads them.
 */
export function analyticsCsv(result: OutcomeAnalytics): string {
  const rows = [
    [
      'all',
      'all',
      result.cases,
      ...shareCells(result.diagnosisChanged),
      ...shareCells(result.treatmentChanged),
    ],
    ...result.groups.map((group) => [
      result.by,
      group.key,
      group.cases,
      ...shareCells(group.diagnosisChanged),
      ...shareCells(group.treatmentChanged),
    ]),
    [
      'published',
      result.published.source,
      result.published.cases,
      ...shareCells(result.published.diagnosisChanged),
      ...shareCells(result.published.treatmentChanged),
    ],
  ];
  return stringify(rows, { header: true, columns, record_delimiter: 'windows' });
}
