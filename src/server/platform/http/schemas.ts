import { z } from 'zod';

export const IdParams = z.object({ id: z.uuid({ message: 'must be an id (UUID)' }) }).strict();

export const PageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A client's key for a POST it may retry: the same key never acts twice. */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, { message: 'must be 8–200 visible ASCII characters' })
    .optional(),
});
