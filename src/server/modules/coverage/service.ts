import { v7 as uuidv7 } from 'uuid';
import {
  absurdCostFloor,
  type BenefitCategory,
  BenefitRulesVersion,
  type CoverCheckRequest,
  type CoverCheckResult,
} from '../../../shared/coverage.js';
import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { decodeText, TextRefused } from '../../platform/import/text.js';
import { recordAudit } from '../audit/index.js';
import { readCasePart } from '../cases/index.js';
import {
  findMemberCoverage,
  findMembersByNumber,
  findMembershipsByNumber,
  findPlansByCode,
} from '../plans/index.js';
import { checkCover, planYearOf } from './check.js';
import { columnValues, readConditionsFile, readPaidFile, type MembershipFacts } from './ledger-files.js';
import { coveragePolicy } from './policy.js';
import * as repo from './repo.js';
import { MAX_RULES_FILE_BYTES, readRulesFile, type RulesFileProblem } from './rules-file.js';

/**
 * The cover check for a case's member: their membership and plan, the rules version in force on
 * the treatment date, what they have used of the benefit this plan year and their declared
 * conditions, decided by `checkCover`. A read of the member's cover, audited as one. Input that
 * cannot be a real question (a date outside the membership, a cost of nothing or of billions,
 * another currency) is refused; a country outside the area of cover is an answer, not an error.
 */
export async function runCoverCheck(
  ctx: RequestContext,
  caseId: string,
  input: CoverCheckRequest,
): Promise<CoverCheckResult> {
  return readCasePart(ctx, caseId, { sees: coveragePolicy.runCheck }, async (tx, { kase }) => {
    const { result } = await coverOfMember(tx, kase.memberId, input);
    return { value: result, audit: { action: 'cover_check.read', details: {} } };
  });
}

/**
 * The cover check of a member, in the caller's transaction, with the membership and plan year it
 * was decided in (what a pre-authorisation later records in the ledger). The caller has checked
 * access and records the read.
 */
export async function coverOfMember(
  tx: Tx,
  memberId: string,
  input: CoverCheckRequest,
): Promise<{ result: CoverCheckResult; membershipId: string; planYearStart: string | null }> {
  const coverage = await findMemberCoverage(tx, memberId);
  if (!coverage) throw notFound();
  const { membership } = coverage;
  if (
    input.treatmentDate < membership.startDate ||
    (membership.endDate !== null && input.treatmentDate > membership.endDate)
  )
    throw new AppError('coverage.treatment_date_outside_membership', {
      extensions: { membership: { startDate: membership.startDate, endDate: membership.endDate } },
    });
  const version = await repo.findRulesInForce(tx, coverage.plan.id, input.treatmentDate);
  if (!version) throw new AppError('coverage.no_rules_in_force');
  const rules = BenefitRulesVersion.parse(version.rules);
  const cost = input.estimatedCost;
  if (cost.currency !== rules.currency)
    throw new AppError('coverage.currency_not_of_plan', { extensions: { currency: rules.currency } });
  if (cost.amount <= 0) throw new AppError('coverage.cost_not_positive');
  if (cost.amount >= absurdCostFloor(rules.currency)) throw new AppError('coverage.cost_absurd');

  const planYear = planYearOf(rules.planYear, membership.startDate, input.treatmentDate);
  const usage = await repo.usageOf(tx, membership.id, input.benefit, planYear.start);
  const preExistingConditions = await repo.declaredConditionsOf(tx, memberId);
  const result = checkCover({
    membership,
    rules,
    usage,
    preExistingConditions,
    treatmentDate: input.treatmentDate,
    benefit: input.benefit,
    icd10: input.icd10,
    country: input.country,
    facilityInNetwork: input.facilityInNetwork,
    estimatedCost: cost,
    sessions: input.sessions,
  });
  return { result, membershipId: membership.id, planYearStart: planYear.start };
}

/**
 * An approved pre-authorisation counts against the plan year's limit: it enters the usage ledger
 * once (its reference is unique among pre-authorisations).
 */
export async function recordPreauthorisedUse(
  tx: Tx,
  entry: {
    preauthorisationId: string;
    membershipId: string;
    benefit: BenefitCategory;
    planYearStart: string;
    serviceDate: string;
    currency: string;
    approvedAmount: number;
    /** What the member bears of the deductible for this treatment (deductibleBorneOf its check). */
    deductibleBorne: number;
    sessions: number;
    now: Date;
  },
): Promise<void> {
  await repo.addPreauthorisedUse(tx, { ...entry, id: uuidv7() });
}

// --- Imports: benefit rules (JSON), paid claims and declared conditions (CSV).

export const coverageImportKinds = ['benefits', 'paid', 'conditions'] as const;
export type CoverageImportKind = (typeof coverageImportKinds)[number];

/** The most problems a report lists; the count says how many there were. */
export const MAX_REPORTED_PROBLEMS = 200;

export interface CoverageImportReport {
  kind: CoverageImportKind;
  /** The problems found (the first MAX_REPORTED_PROBLEMS); any one of them means nothing was imported. */
  problems: RulesFileProblem[];
  /** How many problems were found in all. */
  problemCount: number;
  dryRun: boolean;
  written: boolean;
  /** What was (or, in a dry run, would be) written. */
  counts: Record<string, number>;
}

export interface CoverageImportInput {
  kind: CoverageImportKind;
  content: Buffer | string;
  dryRun: boolean;
}

function fileText(content: Buffer | string): { text?: string; problem?: RulesFileProblem } {
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  if (size > MAX_RULES_FILE_BYTES)
    return { problem: { line: null, field: '(file)', reason: `larger than ${MAX_RULES_FILE_BYTES} bytes` } };
  try {
    return { text: decodeText(content) };
  } catch (error) {
    if (error instanceof TextRefused)
      return { problem: { line: null, field: '(file)', reason: 'not UTF-8 text' } };
    throw error;
  }
}

/**
 * Imports a coverage file in one transaction, under a lock that keeps two imports apart: any
 * problem imports nothing. Benefit rules replace the versions of the plans the file names;
 * paid claims and declared conditions are added, and a row already there is left alone, so
 * importing the same file twice changes nothing.
 */
export async function importCoverageFile(
  ctx: RequestContext,
  input: CoverageImportInput,
): Promise<CoverageImportReport> {
  if (ctx.actor && !coveragePolicy.importRules(ctx.actor)) throw notFound();
  const report = (problems: RulesFileProblem[], counts: Record<string, number> = {}, written = false) => ({
    kind: input.kind,
    // A file of bad rows must not fill memory, or a terminal, with its report.
    problems: problems.slice(0, MAX_REPORTED_PROBLEMS),
    problemCount: problems.length,
    dryRun: input.dryRun,
    written,
    counts,
  });
  const { text, problem } = fileText(input.content);
  if (text === undefined) return report([problem!]);
  return ctx.db.transaction(async (tx) => {
    await repo.lockCoverageForImport(tx);
    switch (input.kind) {
      case 'benefits':
        return importRules(tx, ctx, text, input.dryRun, report);
      case 'paid':
        return importPaid(tx, ctx, text, input.dryRun, report);
      case 'conditions':
        return importConditions(tx, ctx, text, input.dryRun, report);
    }
  });
}

type Reporter = (
  problems: RulesFileProblem[],
  counts?: Record<string, number>,
  written?: boolean,
) => CoverageImportReport;

async function importRules(tx: Tx, ctx: RequestContext, text: string, dryRun: boolean, report: Reporter) {
  const reading = readRulesFile(text);
  if (!reading.ok) return report(reading.problems);
  const { file } = reading;
  const plans = new Map(
    (
      await findPlansByCode(
        tx,
        file.plans.map((plan) => plan.planCode),
      )
    ).map((plan) => [plan.code, plan.id]),
  );
  const unknown = file.plans.flatMap((plan, index) =>
    plans.has(plan.planCode)
      ? []
      : [
          {
            line: null,
            field: `plans[${index}].planCode`,
            reason: `no plan of the register has the code ${plan.planCode}`,
          },
        ],
  );
  if (unknown.length > 0) return report(unknown);
  const versions = file.plans.reduce((sum, plan) => sum + plan.versions.length, 0);
  const counts = { plans: file.plans.length, versions };
  if (dryRun) return report([], counts);
  for (const plan of file.plans) {
    await repo.replaceRulesOfPlan(
      tx,
      plans.get(plan.planCode)!,
      plan.versions.map((rules) => ({ id: uuidv7(), rules })),
      ctx.clock.now(),
    );
  }
  await recordAudit(
    tx,
    ctx,
    { action: 'benefit_rules.imported', details: counts },
    { entityType: 'benefit_rules', entityId: 'benefits', purpose: 'administration' },
  );
  return report([], counts, true);
}

async function importPaid(tx: Tx, ctx: RequestContext, text: string, dryRun: boolean, report: Reporter) {
  const numbers = columnValues(text, 'membership_number');
  const memberships = new Map<string, MembershipFacts>(
    (await findMembershipsByNumber(tx, numbers)).map((row) => [row.membershipNumber, row]),
  );
  const planCodes = [...new Set([...memberships.values()].map((row) => row.planCode))];
  const planIds = new Map((await findPlansByCode(tx, planCodes)).map((plan) => [plan.id, plan.code]));
  const versions = await repo.listRulesOfPlans(tx, [...planIds.keys()]);
  const rulesOn = (planCode: string, date: string) =>
    versions.find(
      ({ planProductId, rules }) =>
        planIds.get(planProductId) === planCode &&
        rules.effectiveFrom <= date &&
        (rules.effectiveTo === null || rules.effectiveTo >= date),
    )?.rules;
  const { entries, problems } = readPaidFile(text, {
    membership: (number) => memberships.get(number),
    rulesOn,
  });
  if (problems.length > 0) return report(problems);
  if (dryRun) return report([], { rows: entries.length });
  const added = await repo.addPaidClaims(
    tx,
    entries.map((entry) => ({ ...entry, id: uuidv7() })),
    ctx.clock.now(),
  );
  await recordAudit(
    tx,
    ctx,
    { action: 'benefit_usage.imported', details: { rows: added } },
    { entityType: 'benefit_usage', entityId: 'paid', purpose: 'administration' },
  );
  return report([], { rows: entries.length, added, alreadyThere: entries.length - added }, true);
}

async function importConditions(
  tx: Tx,
  ctx: RequestContext,
  text: string,
  dryRun: boolean,
  report: Reporter,
) {
  const numbers = columnValues(text, 'member_number');
  const members = new Map((await findMembersByNumber(tx, numbers)).map((row) => [row.memberNumber, row.id]));
  const { entries, problems } = readConditionsFile(text, (number) => members.has(number));
  if (problems.length > 0) return report(problems);
  if (dryRun) return report([], { rows: entries.length });
  const added = await repo.addDeclaredConditions(
    tx,
    entries.map(({ memberNumber, icd10From, icd10To, declaredOn }) => ({
      id: uuidv7(),
      memberId: members.get(memberNumber)!,
      icd10From,
      icd10To,
      declaredOn,
    })),
  );
  await recordAudit(
    tx,
    ctx,
    { action: 'declared_conditions.imported', details: { rows: added } },
    { entityType: 'declared_condition', entityId: 'conditions', purpose: 'administration' },
  );
  return report([], { rows: entries.length, added, alreadyThere: entries.length - added }, true);
}

/** The report an operator reads: one line per problem, then what was done. */
export function formatCoverageReport(report: CoverageImportReport): string[] {
  const lines = report.problems.map((problem) =>
    problem.line === null
      ? `${problem.field}: ${problem.reason}`
      : `line ${problem.line}: ${problem.field}: ${problem.reason}`,
  );
  const counts = Object.entries(report.counts)
    .map(([name, count]) => `${count} ${name}`)
    .join(', ');
  if (report.problemCount > report.problems.length)
    lines.push(`... and ${report.problemCount - report.problems.length} more`);
  if (report.problemCount > 0)
    lines.push(`${report.problemCount} problem(s): nothing imported (the whole file is refused)`);
  else if (report.dryRun) lines.push(`dry run, nothing written; would import ${counts}`);
  else lines.push(`imported ${counts}`);
  return lines;
}
