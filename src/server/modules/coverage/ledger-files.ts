import {
  BenefitCategory,
  ICD10_CODE,
  icd10RangeReversed,
  type BenefitRulesVersion,
} from '../../../shared/coverage.js';
import { checkCsvHeader, csvRow, CsvUnreadable, parseCsvText } from '../../platform/import/csv.js';
import { planYearOf } from './check.js';
import type { RulesFileProblem } from './rules-file.js';

/*
 * The two CSV files of a membership's side of cover: the insurer's paid claims (what feeds the
 * usage ledger besides approved pre-authorisations) and members' declared pre-existing
 * conditions. Each row is checked against the register and the rules in force; a file with any
 * problem imports nothing.
 */

export const paidColumns = [
  'reference',
  'membership_number',
  'benefit',
  'service_date',
  'currency',
  'plan_paid',
  'deductible_borne',
  'sessions',
] as const;
const paidRequired = paidColumns.slice(0, 6);

export const conditionColumns = ['member_number', 'icd10_from', 'icd10_to', 'declared_on'] as const;

export interface MembershipFacts {
  id: string;
  planCode: string;
  startDate: string;
  endDate: string | null;
}

export interface PaidEntry {
  line: number;
  reference: string;
  membershipId: string;
  benefit: BenefitCategory;
  serviceDate: string;
  planYearStart: string;
  currency: string;
  planPaid: number;
  deductibleBorne: number;
  sessions: number;
}

export interface ConditionEntry {
  line: number;
  memberNumber: string;
  icd10From: string;
  icd10To: string;
  declaredOn: string;
}

type Rows = { line: number; values: Record<string, string | undefined> }[];

/** The rows of a CSV text under its header, or the problems that keep it from being read. */
function readCsv(
  text: string,
  columns: { known: readonly string[]; required: readonly string[] },
): { rows: Rows; problems: RulesFileProblem[] } {
  let records;
  try {
    records = parseCsvText(text);
  } catch (error) {
    if (error instanceof CsvUnreadable)
      return { rows: [], problems: [{ line: error.line, field: '(file)', reason: error.reason }] };
    throw error;
  }
  const [header, ...data] = records;
  if (!header) return { rows: [], problems: [{ line: null, field: '(file)', reason: 'the file is empty' }] };
  const { names, faults, missing } = checkCsvHeader(header.fields, columns);
  const problems: RulesFileProblem[] = [
    ...faults.map((fault) => ({
      line: header.line,
      field: fault.name || '(empty column name)',
      reason: fault.repeated ? 'the column appears twice' : 'not a column of this file',
    })),
    ...missing.map((name) => ({ line: header.line, field: name, reason: 'the column is missing' })),
  ];
  if (problems.length > 0) return { rows: [], problems };
  const rows = data.map((record) => csvRow(names, record));
  for (const row of rows)
    if (row.defect) problems.push({ line: row.line, field: '(row)', reason: row.defect });
  if (data.length === 0) problems.push({ line: null, field: '(file)', reason: 'the file has no rows' });
  return { rows, problems };
}

/** The values of one column of a CSV file (to look its keys up before the rows are checked). */
export function columnValues(text: string, column: string): string[] {
  try {
    const [header, ...data] = parseCsvText(text);
    const index = header?.fields.findIndex((name) => name.toLowerCase() === column) ?? -1;
    if (index < 0) return [];
    return data.map((record) => record.fields[index] ?? '').filter((value) => value !== '');
  } catch (error) {
    if (error instanceof CsvUnreadable) return [];
    throw error;
  }
}

const isDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(value)) &&
  new Date(value).toISOString().startsWith(value);
const wholeNumber = (value: string) => (/^\d{1,15}$/.test(value) ? Number(value) : undefined);

/** Checks a paid-claims file against the register and the rules versions in force. */
export function readPaidFile(
  text: string,
  lookups: {
    membership: (number: string) => MembershipFacts | undefined;
    rulesOn: (planCode: string, date: string) => BenefitRulesVersion | undefined;
  },
): { entries: PaidEntry[]; problems: RulesFileProblem[] } {
  const { rows, problems } = readCsv(text, { known: paidColumns, required: paidRequired });
  const entries: PaidEntry[] = [];
  const references = new Map<string, number>();
  for (const { line, values } of rows) {
    const at = (field: string, reason: string) => problems.push({ line, field, reason });
    const before = problems.length;
    const reference = values['reference'] ?? '';
    if (reference === '' || reference.length > 100)
      at('reference', 'must be the claim reference (1 to 100 characters)');
    else if (references.has(reference)) at('reference', `already on line ${references.get(reference)}`);
    else references.set(reference, line);
    const membership = lookups.membership(values['membership_number'] ?? '');
    if (!membership) at('membership_number', 'no membership of the register has this number');
    const benefit = BenefitCategory.safeParse(values['benefit']);
    if (!benefit.success) at('benefit', `must be one of ${BenefitCategory.options.join(', ')}`);
    const serviceDate = values['service_date'] ?? '';
    if (!isDate(serviceDate)) at('service_date', 'must be a date such as 2026-03-14');
    const planPaid = wholeNumber(values['plan_paid'] ?? '');
    if (planPaid === undefined) at('plan_paid', 'must be a whole number of minor units, 0 or more');
    const deductibleBorne = values['deductible_borne'] ? wholeNumber(values['deductible_borne']) : 0;
    if (deductibleBorne === undefined)
      at('deductible_borne', 'must be a whole number of minor units, 0 or more');
    const sessions = values['sessions'] ? wholeNumber(values['sessions']) : 0;
    if (sessions === undefined || sessions > 1000) at('sessions', 'must be a whole number from 0 to 1000');
    if (problems.length > before || !membership || !benefit.success) continue;
    if (
      serviceDate < membership.startDate ||
      (membership.endDate !== null && serviceDate > membership.endDate)
    ) {
      at(
        'service_date',
        `outside the membership (${membership.startDate} to ${membership.endDate ?? 'no end'})`,
      );
      continue;
    }
    const rules = lookups.rulesOn(membership.planCode, serviceDate);
    if (!rules) {
      at('service_date', `plan ${membership.planCode} has no benefit rules in force on this date`);
      continue;
    }
    if (values['currency'] !== rules.currency) {
      at('currency', `the plan's rules on this date are in ${rules.currency}`);
      continue;
    }
    entries.push({
      line,
      reference,
      membershipId: membership.id,
      benefit: benefit.data,
      serviceDate,
      planYearStart: planYearOf(rules.planYear, membership.startDate, serviceDate).start,
      currency: rules.currency,
      planPaid: planPaid!,
      deductibleBorne: deductibleBorne!,
      sessions: sessions!,
    });
  }
  return { entries, problems };
}

/** Checks a declared-conditions file against the register. */
export function readConditionsFile(
  text: string,
  knownMember: (number: string) => boolean,
): { entries: ConditionEntry[]; problems: RulesFileProblem[] } {
  const { rows, problems } = readCsv(text, { known: conditionColumns, required: conditionColumns });
  const entries: ConditionEntry[] = [];
  for (const { line, values } of rows) {
    const at = (field: string, reason: string) => problems.push({ line, field, reason });
    const before = problems.length;
    const memberNumber = values['member_number'] ?? '';
    if (!knownMember(memberNumber)) at('member_number', 'no member of the register has this number');
    const from = (values['icd10_from'] ?? '').toUpperCase();
    const to = (values['icd10_to'] ?? '').toUpperCase();
    if (!ICD10_CODE.test(from)) at('icd10_from', 'must be an ICD-10 code such as M23 or M23.5');
    if (!ICD10_CODE.test(to)) at('icd10_to', 'must be an ICD-10 code such as M23 or M23.5');
    else if (ICD10_CODE.test(from) && icd10RangeReversed({ from, to }))
      at('icd10_to', 'the range is the wrong way round: its start comes after its end');
    const declaredOn = values['declared_on'] ?? '';
    if (!isDate(declaredOn)) at('declared_on', 'must be a date such as 2026-03-14');
    if (problems.length === before)
      entries.push({ line, memberNumber, icd10From: from, icd10To: to, declaredOn });
  }
  return { entries, problems };
}
