import { v7 as uuidv7 } from 'uuid';
import type {
  EmployerOverview,
  HealthcareHub,
  MemberRecord,
  OpinionEligibility,
} from '../../../shared/register.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { notFound, notFoundFor } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { dateIn, eligibilityFor, membershipStatus, servicesOnPlan } from './eligibility.js';
import {
  countChanges,
  employerChanges,
  importDecision,
  keysIn,
  memberChanges,
  planChanges,
  readRegisterFile,
  validateEmployers,
  validateMembers,
  validatePlans,
  type ExistingRegister,
  type RegisterChanges,
  type RegisterFile,
  type RegisterFormat,
  type RegisterImportReport,
  type RegisterKind,
  type RegisterValidation,
} from './import.js';
import { plansPolicy, purposeOfMemberRead } from './policy.js';
import * as repo from './repo.js';

type Coverage = NonNullable<Awaited<ReturnType<typeof repo.findMemberCoverage>>>;

function factsOf(coverage: Coverage) {
  return {
    membership: coverage.membership,
    plan: coverage.plan,
    employer: coverage.employer?.id ? { addedServices: coverage.employer.addedServices } : null,
  };
}

/** Whether the person of this coverage may ask for a second opinion on a day. */
function opinionEligibility(coverage: Coverage | undefined, onDate: string): OpinionEligibility {
  if (!coverage) return 'eligibility.membership_not_in_force';
  const decision = eligibilityFor(factsOf(coverage), 'second_medical_opinion', onDate);
  return decision.eligible ? 'eligible' : decision.reason;
}

/**
 * The member's front door: their plan, the Virtual Care services on it, who they can act for,
 * and whether each of them may ask for a second opinion today (a dependant may be on a
 * membership of their own).
 */
export async function getHealthcareHub(ctx: RequestContext): Promise<HealthcareHub> {
  const actor = actorOf(ctx);
  if (!plansPolicy.readOwnHub(actor) || !actor.memberId) throw notFound();
  const memberId = actor.memberId;
  return ctx.db.transaction(async (tx) => {
    const coverage = await repo.findMemberCoverage(tx, memberId);
    if (!coverage) throw notFound();
    const dependants = await repo.findDependantsOf(tx, memberId);
    await recordAudit(
      tx,
      ctx,
      { action: 'healthcare_hub.read', details: {} },
      { entityType: 'member', entityId: memberId, subjectMemberId: memberId, purpose: 'self_service' },
    );
    const facts = factsOf(coverage);
    const today = dateIn(ctx.clock.now(), actor.timeZone);
    const dependantCoverage = await Promise.all(
      dependants.map((person) => repo.findMemberCoverage(tx, person.id)),
    );
    return {
      member: {
        id: coverage.member.id,
        givenName: coverage.member.givenName,
        familyName: coverage.member.familyName,
        memberNumber: coverage.member.memberNumber,
        relationship: coverage.member.relationship,
      },
      membership: {
        membershipNumber: coverage.membership.membershipNumber,
        status: membershipStatus(facts, today),
        startDate: coverage.membership.startDate,
        endDate: coverage.membership.endDate,
      },
      plan: { code: coverage.plan.code, name: coverage.plan.name, kind: coverage.plan.kind },
      employer: coverage.employer?.id ? { name: coverage.employer.name } : null,
      services: servicesOnPlan(facts),
      secondOpinion: opinionEligibility(coverage, today),
      dependants: dependants.map(({ id, givenName, familyName, relationship }, index) => ({
        id,
        givenName,
        familyName,
        relationship,
        secondOpinion: opinionEligibility(dependantCoverage[index], today),
      })),
    };
  });
}

/** A register entry, for operations and privacy officers; every read is in the member's access log. */
export async function getMemberRecord(ctx: RequestContext, memberId: string): Promise<MemberRecord> {
  const actor = actorOf(ctx);
  if (!plansPolicy.readMemberRecord(actor))
    throw notFoundFor({ entityType: 'member', entityId: memberId, reason: 'not_found_for_actor' });
  return ctx.db.transaction(async (tx) => {
    const coverage = await repo.findMemberCoverage(tx, memberId);
    if (!coverage) throw notFoundFor({ entityType: 'member', entityId: memberId, reason: 'no_such_record' });
    await recordAudit(
      tx,
      ctx,
      { action: 'member.read', details: {} },
      {
        entityType: 'member',
        entityId: memberId,
        subjectMemberId: memberId,
        purpose: purposeOfMemberRead(actor),
      },
    );
    const facts = factsOf(coverage);
    return {
      ...coverage.member,
      membership: {
        membershipNumber: coverage.membership.membershipNumber,
        status: membershipStatus(facts, dateIn(ctx.clock.now(), 'UTC')),
        startDate: coverage.membership.startDate,
        endDate: coverage.membership.endDate,
      },
      plan: { code: coverage.plan.code, name: coverage.plan.name, kind: coverage.plan.kind },
      services: servicesOnPlan(facts),
    };
  });
}

/** What an employer admin may know: their company's services and head counts, nothing personal. */
export async function getEmployerOverview(
  ctx: RequestContext,
  employerId: string,
): Promise<EmployerOverview> {
  const actor = actorOf(ctx);
  if (!plansPolicy.readEmployerOverview(actor, employerId)) throw notFound();
  const found = await repo.findEmployer(ctx.db, employerId);
  if (!found) throw notFound();
  const counts = await repo.countCoveredByEmployer(ctx.db, employerId, dateIn(ctx.clock.now(), 'UTC'));
  return {
    id: found.id,
    name: found.name,
    country: found.country,
    addedServices: found.addedServices,
    coveredMembers: counts.members,
    memberships: counts.memberships,
  };
}

export interface RegisterImportInput {
  kind: RegisterKind;
  format: RegisterFormat;
  /** The whole file; it is refused above MAX_REGISTER_FILE_BYTES. */
  content: Buffer | string;
  /** Import the valid rows and report the bad ones, instead of importing nothing. */
  skipBadRows: boolean;
  /** Check and report only; write nothing. */
  dryRun: boolean;
}

/**
 * Imports an insurer's register file (plans, employers or members). Every row is checked before
 * anything is written, and the writes and their audit event commit together: a file with an error
 * imports nothing unless bad rows are to be skipped. Rows that match the register are left alone,
 * so importing the same file twice changes nothing.
 */
export async function importRegister(
  ctx: RequestContext,
  input: RegisterImportInput,
): Promise<RegisterImportReport> {
  if (ctx.actor && !plansPolicy.importRegister(ctx.actor)) throw notFound();
  const file = readRegisterFile(input.content, input.format, input.kind);
  return ctx.db.transaction(async (tx) => {
    await repo.lockRegisterForImport(tx);
    const existing = await registerFor(tx, input.kind, file);
    // A date of birth is in the future only once it is tomorrow everywhere.
    const today = dateIn(ctx.clock.now(), 'Pacific/Kiritimati');
    const { validation, changes } = checkRegisterFile(input.kind, file, existing.register, today);
    const decision = importDecision(validation, input);
    const report: RegisterImportReport = {
      kind: input.kind,
      format: input.format,
      rowsRead: validation.rowsRead,
      validRows: validation.valid.length,
      rejectedRows: validation.rejectedRows,
      problems: validation.problems,
      rejected: decision.rejected,
      dryRun: input.dryRun,
      written: decision.write,
      changes: decision.rejected ? {} : changeCounts(input.kind, changes),
    };
    if (!decision.write) return report;

    await writeRegisterChanges(tx, ctx.clock.now(), changes, existing.ids);
    await recordAudit(
      tx,
      ctx,
      {
        action: 'register.imported',
        details: { format: input.format, rows: validation.valid.length, skipped: validation.rejectedRows },
      },
      { entityType: 'register', entityId: input.kind, purpose: 'administration' },
    );
    ctx.log.info(
      { kind: input.kind, rows: validation.valid.length, skipped: validation.rejectedRows },
      'register imported',
    );
    return report;
  });
}

function checkRegisterFile(
  kind: RegisterKind,
  file: RegisterFile,
  register: ExistingRegister,
  today: string,
): { validation: RegisterValidation<unknown>; changes: RegisterChanges } {
  switch (kind) {
    case 'plans': {
      const validation = validatePlans(file);
      return { validation, changes: planChanges(validation.valid, register) };
    }
    case 'employers': {
      const validation = validateEmployers(file);
      return { validation, changes: employerChanges(validation.valid, register) };
    }
    case 'members': {
      const references = {
        plans: register.plans,
        employers: new Set(register.employers.keys()),
        members: register.members,
      };
      const validation = validateMembers(file, references, today);
      return { validation, changes: memberChanges(validation.valid, register) };
    }
  }
}

function changeCounts(kind: RegisterKind, changes: RegisterChanges): RegisterImportReport['changes'] {
  switch (kind) {
    case 'plans':
      return { insurers: countChanges(changes.insurers), plans: countChanges(changes.plans) };
    case 'employers':
      return { employers: countChanges(changes.employers) };
    case 'members':
      return { memberships: countChanges(changes.memberships), members: countChanges(changes.members) };
  }
}

type RegisterIds = Record<keyof RegisterChanges, Map<string, string>>;

/** What the register holds for the keys the file names, and the ids of those records. */
async function registerFor(tx: Tx, kind: RegisterKind, file: RegisterFile) {
  // One after the other: a transaction is one connection, which runs one statement at a time.
  const insurers = kind === 'plans' ? await repo.findInsurersByCode(tx, keysIn(file, 'insurer_code')) : [];
  const plans = kind !== 'employers' ? await repo.findPlansByCode(tx, keysIn(file, 'plan_code')) : [];
  const employers = kind !== 'plans' ? await repo.findEmployersByCode(tx, keysIn(file, 'employer_code')) : [];
  const memberships =
    kind === 'members' ? await repo.findMembershipsByNumber(tx, keysIn(file, 'membership_number')) : [];
  const members =
    kind === 'members'
      ? await repo.findMembersByNumber(tx, keysIn(file, 'member_number', 'guardian_member_number'))
      : [];
  const register: ExistingRegister = {
    insurers: new Map(insurers.map(({ code, ...rest }) => [code, rest])),
    plans: new Map(plans.map(({ code, ...rest }) => [code, rest])),
    employers: new Map(employers.map(({ code, ...rest }) => [code, rest])),
    memberships: new Map(memberships.map(({ membershipNumber, ...rest }) => [membershipNumber, rest])),
    members: new Map(members.map(({ memberNumber, ...rest }) => [memberNumber, rest])),
  };
  const ids: RegisterIds = {
    insurers: new Map(insurers.map((row) => [row.code, row.id])),
    plans: new Map(plans.map((row) => [row.code, row.id])),
    employers: new Map(employers.map((row) => [row.code, row.id])),
    memberships: new Map(memberships.map((row) => [row.membershipNumber, row.id])),
    members: new Map(members.map((row) => [row.memberNumber, row.id])),
  };
  return { register, ids };
}

/** Writes what is new or changed; records that already match are not touched. */
async function writeRegisterChanges(tx: Tx, now: Date, changes: RegisterChanges, ids: RegisterIds) {
  const toWrite = <T>(list: { action: string; entry: T }[]) =>
    list.filter((change) => change.action !== 'unchanged').map((change) => change.entry);
  const idOf = (map: Map<string, string>, key: string) => {
    const id = map.get(key);
    // Validation resolved every reference before anything is written.
    if (id === undefined) throw new Error(`register import: no id for ${key}`);
    return id;
  };

  for (const { code, name } of toWrite(changes.insurers)) {
    ids.insurers.set(code, await repo.upsertInsurer(tx, { id: uuidv7(), code, name }));
  }
  for (const row of toWrite(changes.plans)) {
    await repo.upsertPlanProduct(tx, {
      id: uuidv7(),
      insurerId: idOf(ids.insurers, row.insurerCode),
      code: row.planCode,
      name: row.planName,
      kind: row.kind,
      services: row.services,
      now,
    });
  }
  for (const row of toWrite(changes.employers)) {
    await repo.upsertEmployer(tx, {
      id: uuidv7(),
      code: row.employerCode,
      name: row.name,
      country: row.country,
      addedServices: row.addedServices,
      now,
    });
  }
  for (const entry of toWrite(changes.memberships)) {
    const id = await repo.upsertMembership(tx, {
      id: uuidv7(),
      membershipNumber: entry.membershipNumber,
      planProductId: idOf(ids.plans, entry.planCode),
      employerId: entry.employerCode === null ? null : idOf(ids.employers, entry.employerCode),
      startDate: entry.startDate,
      endDate: entry.endDate,
      now,
    });
    ids.memberships.set(entry.membershipNumber, id);
  }
  for (const row of toWrite(changes.members)) {
    const id = await repo.upsertMember(tx, {
      id: uuidv7(),
      membershipId: idOf(ids.memberships, row.membershipNumber),
      memberNumber: row.memberNumber,
      relationship: row.relationship,
      givenName: row.givenName,
      familyName: row.familyName,
      dateOfBirth: row.dateOfBirth,
      country: row.country,
      preferredLanguage: row.preferredLanguage,
      guardianMemberId:
        row.guardianMemberNumber === null ? null : idOf(ids.members, row.guardianMemberNumber),
      now,
    });
    ids.members.set(row.memberNumber, id);
  }
}
