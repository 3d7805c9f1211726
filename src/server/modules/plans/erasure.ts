import { eq } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/index.js';
import { member, membership } from './schema.js';

/** A person of the register as the privacy room needs them: who, where, and who acts for them. */
export async function findRegisterEntry(db: Queryable, memberId: string) {
  const [row] = await db
    .select({
      id: member.id,
      memberNumber: member.memberNumber,
      membershipNumber: membership.membershipNumber,
      relationship: member.relationship,
      givenName: member.givenName,
      familyName: member.familyName,
      dateOfBirth: member.dateOfBirth,
      country: member.country,
      preferredLanguage: member.preferredLanguage,
      guardianMemberId: member.guardianMemberId,
    })
    .from(member)
    .innerJoin(membership, eq(membership.id, member.membershipId))
    .where(eq(member.id, memberId));
  return row;
}

/** The register entry with this card number (exact). */
export async function findMemberIdByNumber(db: Queryable, memberNumber: string): Promise<string | undefined> {
  const [row] = await db.select({ id: member.id }).from(member).where(eq(member.memberNumber, memberNumber));
  return row?.id;
}

/**
 * Pseudonymises a person's register entry, in the caller's transaction: names, date of birth and
 * card number replaced (the card number by one derived from the id, still unique). The id, the
 * membership and the country stay (the plan's figures count them). Idempotent.
 */
export async function pseudonymiseRegisterEntry(tx: Queryable, memberId: string, now: Date): Promise<void> {
  await tx
    .update(member)
    .set({
      givenName: '[erased]',
      familyName: '[erased]',
      dateOfBirth: '1900-01-01',
      memberNumber: `ERASED-${memberId}`,
      updatedAt: now,
    })
    .where(eq(member.id, memberId));
}
