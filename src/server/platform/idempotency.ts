import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { FastifyReply } from 'fastify';
import type { Queryable } from './db/index.js';
import { AppError } from './errors.js';

/*
 * Idempotency-Key on POSTs that create something a person would not want twice (a case, a
 * message, an opinion): the first request claims the key for the resource it creates, in the
 * transaction that creates it; a retry with the same key and the same body gets that resource
 * again, with `idempotent-replayed: true`; the same key with another body is refused.
 */

/** A retried POST with the same key returns the first answer instead of acting twice. */
export const idempotencyKey = pgTable(
  'idempotency_key',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    resourceId: uuid('resource_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** The fingerprint of a request's content, to tell a retry from another request under the same key. */
export const requestHash = (...parts: unknown[]): string =>
  createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/**
 * Claims `key` for the resource about to be created. Returns nothing when this request is the
 * first (go on and create it); the first answer again (`replay` of the resource it created) when
 * it is a retry of the same request. A claim stands or falls with the caller's transaction.
 */
export async function claimIdempotencyKey<T>(
  tx: Queryable,
  claim: { userId: string; key: string | undefined; requestHash: string; resourceId: string },
  replay: (resourceId: string) => Promise<T | undefined>,
): Promise<{ replayed: T } | undefined> {
  if (!claim.key) return undefined;
  const row = {
    userId: claim.userId,
    key: claim.key,
    requestHash: claim.requestHash,
    resourceId: claim.resourceId,
  };
  const inserted = await tx.insert(idempotencyKey).values(row).onConflictDoNothing().returning();
  if (inserted.length === 1) return undefined;
  const [existing] = await tx
    .select()
    .from(idempotencyKey)
    .where(and(eq(idempotencyKey.userId, claim.userId), eq(idempotencyKey.key, claim.key)));
  if (!existing || existing.requestHash !== claim.requestHash) throw new AppError('idempotency.key_reused');
  const replayed = await replay(existing.resourceId);
  if (replayed === undefined) throw new AppError('idempotency.key_reused');
  return { replayed };
}

/** 201 for a resource this request created, 200 and the replay header for a retry's answer. */
export function answerCreated(reply: FastifyReply, created: boolean): FastifyReply {
  if (!created) reply.header('idempotent-replayed', 'true');
  return reply.status(created ? 201 : 200);
}
