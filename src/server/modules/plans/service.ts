import type { EmployerOverview, HealthcareHub, MemberRecord } from '../../../shared/register.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/service.js';
import { dateIn, membershipStatus, servicesOnPlan } from './eligibility.js';
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

/** The member's front door: their plan, the Virtual Care services on it, who they can act for. */
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
        status: membershipStatus(facts, dateIn(ctx.clock.now(), actor.timeZone)),
        startDate: coverage.membership.startDate,
        endDate: coverage.membership.endDate,
      },
      plan: { code: coverage.plan.code, name: coverage.plan.name, kind: coverage.plan.kind },
      employer: coverage.employer?.id ? { name: coverage.employer.name } : null,
      services: servicesOnPlan(facts),
      dependants: dependants.map(({ id, givenName, familyName, relationship }) => ({
        id,
        givenName,
        familyName,
        relationship,
      })),
    };
  });
}

/** A register entry, for operations and privacy officers; every read is in the member's access log. */
export async function getMemberRecord(ctx: RequestContext, memberId: string): Promise<MemberRecord> {
  const actor = actorOf(ctx);
  if (!plansPolicy.readMemberRecord(actor)) throw notFound();
  return ctx.db.transaction(async (tx) => {
    const coverage = await repo.findMemberCoverage(tx, memberId);
    if (!coverage) throw notFound();
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
