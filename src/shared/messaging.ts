import { z } from 'zod';
import { MESSAGE_MAX_LENGTH } from './messaging-limits.js';
import { referralStreamEvents } from './referral-events.js';

export { MESSAGE_MAX_LENGTH };

export const MessageDraft = z
  .object({
    body: z
      .string()
      .trim()
      .min(1, { message: 'write a message' })
      .max(MESSAGE_MAX_LENGTH, { message: `must be at most ${MESSAGE_MAX_LENGTH} characters` })
      .describe('Plain text; may be health data: shown on screen, never e-mailed or logged'),
  })
  .strict();
export type MessageDraft = z.infer<typeof MessageDraft>;

/** How the author stands to the case: the member, their guardian, or the case manager. */
export const MessageAuthorRole = z.enum(['member', 'guardian', 'case_manager']);
export type MessageAuthorRole = z.infer<typeof MessageAuthorRole>;

export const CaseMessage = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  body: z.string(),
  author: z.object({ userId: z.uuid(), role: MessageAuthorRole, name: z.string() }),
  createdAt: z.iso.datetime(),
  /** The caller wrote it. */
  mine: z.boolean(),
  /** Someone on the other side of the thread has marked it read (the read receipt). */
  readByOther: z.boolean(),
  /** The caller has read it (their own messages count as read). */
  readByMe: z.boolean(),
});
export type CaseMessage = z.infer<typeof CaseMessage>;

export const MessagePage = z.object({
  items: z.array(CaseMessage).describe('Newest first; `nextCursor` pages towards older messages'),
  nextCursor: z.string().nullable(),
  /**
   * The case stream's position when this page was read: open the stream with
   * `Last-Event-ID: <streamPosition>` (or `?after=`) to receive only what comes next.
   */
  streamPosition: z.number().int().min(0),
});
export type MessagePage = z.infer<typeof MessagePage>;

export const ReadReceipt = z
  .object({ upTo: z.uuid({ message: 'must be the id of a message of this case' }) })
  .strict();
export type ReadReceipt = z.infer<typeof ReadReceipt>;

export const ReadReceiptResult = z.object({
  upTo: z.uuid(),
  /** Messages from others in this case the caller has still not read (newer than `upTo`). */
  unread: z.number().int().min(0),
});

export const UnreadCounts = z.object({
  total: z.number().int().min(0),
  cases: z.array(z.object({ caseId: z.uuid(), caseNumber: z.string(), unread: z.number().int().min(1) })),
});
export type UnreadCounts = z.infer<typeof UnreadCounts>;

/** The names of the events on a case stream (`GET /api/v1/cases/:id/stream`). */
export const caseStreamEvents = [
  'stream.opened',
  'message.created',
  'case.status_changed',
  'document.uploaded',
  'case.event_added',
  ...referralStreamEvents,
] as const;
export type CaseStreamEventName = (typeof caseStreamEvents)[number];
