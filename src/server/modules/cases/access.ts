import { actorOf, type Actor, type RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { AppError, notFoundFor } from '../../platform/errors.js';
import { auditPurposeFor, recordAudit, type AuditEventInput, type AuditRecord } from '../audit/index.js';
import { findDependantsOf } from '../plans/index.js';
import { relationOf, type Relation } from './lifecycle.js';
import { casesPolicy } from './policy.js';
import * as repo from './repo.js';

/*
 * The access rule for a case, in one place for every room. Who an actor is to a case (its member,
 * their guardian, the case manager it is assigned to or was, operations, or nobody) is worked out
 * here once; each room's policy then says what that relation may do with its part of the case.
 * What the actor may not see answers 404, exactly like a case that does not exist. Specialists
 * reach a case only through the review desk (an offer, and the documents shared for it); the
 * privacy officer, cover assessors, moderators and employer admins see no case.
 */

/** The members whose cases a member account may see: themselves and their dependants. */
export async function membersInCareOf(db: Queryable, memberId: string): Promise<string[]> {
  const dependants = await findDependantsOf(db, memberId);
  return [memberId, ...dependants.map((dependant) => dependant.id)];
}

export interface CaseAccess {
  kase: repo.CaseRow;
  relation: Relation;
}

export interface CaseAccessOptions {
  /** Lock the case row (the caller is going to change it). */
  lock?: boolean;
  /** Which relations see this part of the case (404 for the others); the case itself by default. */
  sees?: (relation: Relation) => boolean;
  /** Which of those may act on it (403 `case.action_not_permitted` for the others, who know it exists). */
  may?: (relation: Relation) => boolean;
}

/** Loads a case the actor may see (404 otherwise) with the actor's relation to it. */
export async function caseForActor(
  tx: Queryable,
  actor: Actor,
  caseId: string,
  options: CaseAccessOptions = {},
): Promise<CaseAccess> {
  const kase = options.lock ? await repo.lockCase(tx, caseId) : await repo.findCase(tx, caseId);
  if (!kase) throw notFoundFor({ entityType: 'case', entityId: caseId, reason: 'no_such_record' });
  const isGuardian =
    actor.role === 'member' && actor.memberId !== null && kase.memberId !== actor.memberId
      ? (await membersInCareOf(tx, actor.memberId)).includes(kase.memberId)
      : false;
  const wasCaseManager =
    actor.role === 'case_manager' && kase.caseManagerUserId !== actor.userId
      ? (await repo.formerCaseManagers(tx, caseId)).includes(actor.userId)
      : false;
  const relation = relationOf(actor, kase, { isGuardian, wasCaseManager });
  if (!(options.sees ?? casesPolicy.see)(relation))
    throw notFoundFor({ entityType: 'case', entityId: caseId, reason: 'not_found_for_actor' });
  if (options.may && !options.may(relation))
    throw new AppError('case.action_not_permitted', {
      denial: { entityType: 'case', entityId: caseId, reason: 'forbidden' },
    });
  return { kase, relation };
}

/** The audit record of a read of a case's part: the case, its member, and why the actor reads. */
export const caseAuditRecord = (actor: Actor, kase: repo.CaseRow, entity?: { type: string; id: string }) =>
  ({
    entityType: entity?.type ?? 'case',
    entityId: entity?.id ?? kase.id,
    subjectMemberId: kase.memberId,
    purpose: auditPurposeFor(actor),
  }) satisfies AuditRecord;

/**
 * The audited read of a part of a case, the recipe every room's reads follow: in one transaction,
 * the access check, the read, and the audit record naming the member; nothing leaves unless its
 * audit row commits with it.
 */
export async function readCasePart<T>(
  ctx: RequestContext,
  caseId: string,
  options: Omit<CaseAccessOptions, 'lock' | 'may'>,
  // The value is read inside the transaction: a promise here would run after it has ended.
  read: (
    tx: Tx,
    access: CaseAccess,
  ) => Promise<{
    value: T extends PromiseLike<unknown> ? never : T;
    audit: AuditEventInput;
    entity?: { type: string; id: string };
  }>,
): Promise<T> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const access = await caseForActor(tx, actor, caseId, options);
    const { value, audit, entity } = await read(tx, access);
    await recordAudit(tx, ctx, audit, caseAuditRecord(actor, access.kase, entity));
    return value;
  });
}
