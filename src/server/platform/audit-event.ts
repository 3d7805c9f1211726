import { z } from 'zod';

/**
 * One kind of audit event: its action (`room.what_happened`) and the details it may carry. Each
 * room lists its kinds in its `audit-events.ts`; `src/server/audit-events.ts` joins them into the
 * one schema every event is checked against before it is written.
 */
export const auditEventKind = <A extends string, D extends z.ZodType>(action: A, details: D) =>
  z.object({ action: z.literal(action), details });

/** The details of an event that carries none. */
export const noDetails = z.object({}).strict();
