import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Queryable } from '../../platform/db/index.js';
import type { VirtualCareService } from '../../../shared/plans.js';
import { virtualCareContact } from './schema.js';

export type VirtualCareContactRow = typeof virtualCareContact.$inferSelect;

/**
 * How to reach each of these services for a plan product: the plan's own contact where it has
 * one, else the service's default. Public facts about a service, nothing about a member.
 */
export async function contactsFor(
  db: Queryable,
  planProductId: string,
  services: readonly VirtualCareService[],
): Promise<Map<VirtualCareService, VirtualCareContactRow>> {
  if (services.length === 0) return new Map();
  const rows = await db
    .select()
    .from(virtualCareContact)
    .where(
      and(
        inArray(virtualCareContact.service, [...services]),
        or(eq(virtualCareContact.planProductId, planProductId), isNull(virtualCareContact.planProductId)),
      ),
    );
  const chosen = new Map<VirtualCareService, VirtualCareContactRow>();
  for (const row of rows) {
    const current = chosen.get(row.service);
    if (!current || (current.planProductId === null && row.planProductId !== null))
      chosen.set(row.service, row);
  }
  return chosen;
}

export type VirtualCareContactInput = Omit<VirtualCareContactRow, 'id' | 'updatedAt'>;

/** Writes a service's contact (for a plan, or the default), replacing the one it had. */
export async function upsertContact(tx: Queryable, input: VirtualCareContactInput, now: Date): Promise<void> {
  await tx
    .insert(virtualCareContact)
    .values({ id: uuidv7(), ...input, updatedAt: now })
    .onConflictDoUpdate({
      target: [virtualCareContact.service, virtualCareContact.planProductId],
      set: { ...input, updatedAt: now },
    });
}
