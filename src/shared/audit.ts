import { z } from 'zod';

export const AccessLogEntry = z.object({
  id: z.uuid(),
  occurredAt: z.iso.datetime(),
  action: z.string().describe('What was done, e.g. member.read, profile.updated'),
  actor: z.object({
    role: z.string(),
    /** The staff member's name; null when it was you. */
    name: z.string().nullable(),
    isYou: z.boolean(),
  }),
  purpose: z.string(),
  outcome: z.string(),
});

export const AccessLog = z.object({ items: z.array(AccessLogEntry), nextCursor: z.string().nullable() });
export type AccessLog = z.infer<typeof AccessLog>;
