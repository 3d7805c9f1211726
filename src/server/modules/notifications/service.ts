import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/context.js';
import type { Database, Tx } from '../../platform/db/index.js';
import { jobsOf, wakeAfterCommit, type JobRunner } from '../../platform/jobs/index.js';
import type { Logger } from '../../platform/logger.js';
import { describeMailError, type Mailer } from '../../platform/mail/index.js';
import * as repo from './repo.js';
import { mailLanguageFor, parseTemplateParams, renderNotification, type TemplateName } from './templates.js';

/** The queue that runs the dispatcher: every minute, at a delayed notification's time, and woken by commits. */
export const NOTIFICATION_QUEUE = 'notifications.dispatch';
/** After this many failed sends a notification is marked `failed` and left alone. */
export const MAX_ATTEMPTS = 10;
/** At most this many notifications per dispatcher run; a full run asks for another one. */
const BATCH_LIMIT = 200;

/** Waits 1, 2, 4 ... minutes after each failure, at most 6 hours (about 8.5 hours over 10 attempts). */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, failedAttempts - 1), 6 * 60 * 60_000);
}

export type NotificationRequest = {
  template: TemplateName;
  /** Only what the template takes: ids, a case number, names of staff, ISO instants. */
  params: Record<string, string | number>;
  /** The same key twice sends once (for example `case.assigned:<caseId>:<userId>`). */
  dedupeKey?: string;
  /** Not before this instant (a reminder); now by default. */
  availableAt?: Date;
} & (
  | { recipientUserId: string }
  /** For a recipient without an account (an operations mailbox), in the given language. */
  | { recipientAddress: string; locale?: string }
);

/**
 * Writes a notification in the caller's transaction: it exists only if that transaction commits,
 * and it is sent after the commit. Returns the new id, or null when the dedupe key was used already.
 */
export async function enqueueNotification(
  tx: Tx,
  ctx: RequestContext,
  input: NotificationRequest,
): Promise<{ id: string | null }> {
  const params = parseTemplateParams(input.template, input.params);
  const now = ctx.clock.now();
  const availableAt = input.availableAt ?? now;
  const id = await repo.insertNotification(tx, {
    id: uuidv7(),
    template: input.template,
    channel: 'email',
    recipientUserId: 'recipientUserId' in input ? input.recipientUserId : null,
    recipientAddress: 'recipientAddress' in input ? input.recipientAddress : null,
    locale: 'recipientAddress' in input ? mailLanguageFor(input.locale) : 'en',
    params,
    dedupeKey: input.dedupeKey ?? null,
    status: 'pending',
    availableAt,
    createdAt: now,
  });
  if (id && availableAt > now) await scheduleDispatcher(tx, ctx.log, availableAt);
  // One wake-up per transaction however many it enqueues (the signal is sent once): a run of the
  // dispatcher sends every notification due.
  else if (id) await wakeAfterCommit(tx, NOTIFICATION_WAKE_CHANNEL);
  return { id: id ?? null };
}

/**
 * The channel on which a commit wakes the dispatcher of the worker processes, so that what it
 * enqueued leaves at once. A wake-up lost to a crash right after the commit is caught up by the
 * dispatcher's minute tick.
 */
export const NOTIFICATION_WAKE_CHANNEL = 'notifications_due';

/**
 * Asks for a dispatcher run at `startAfter` (a notification enqueued for later): the job is
 * written in the same transaction, so it appears at the commit and vanishes with a rollback. It
 * sits in a savepoint: should it fail, the caller's change still commits and the minute tick
 * sends the notification.
 */
async function scheduleDispatcher(tx: Tx, log: Pick<Logger, 'warn'>, startAfter: Date): Promise<void> {
  try {
    // The runtime's started runner, found through the outermost transaction (a savepoint has none).
    const jobs = jobsOf(tx);
    await tx.transaction((savepoint) => jobs.write(NOTIFICATION_QUEUE, {}, { tx: savepoint, startAfter }));
  } catch (error) {
    log.warn({ err: error }, 'could not schedule the notification dispatcher; the periodic tick will send');
  }
}

export interface DispatchDeps {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  log: Logger;
  config: { publicUrl: string };
}

export interface DispatchReport {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

type Outcome = keyof DispatchReport;

/**
 * Sends every notification that is due, one transaction per notification: the row is locked
 * (`FOR UPDATE SKIP LOCKED`) while its e-mail is sent and marked sent in the same transaction, so
 * two dispatchers never send the same row. A crash after the SMTP relay accepted the message and
 * before the commit sends it again on the next run: delivery is at least once.
 */
export async function deliverDueNotifications(
  deps: DispatchDeps,
  options: { limit?: number } = {},
): Promise<DispatchReport> {
  const report: DispatchReport = { sent: 0, retried: 0, failed: 0, skipped: 0 };
  const limit = options.limit ?? BATCH_LIMIT;
  for (let handled = 0; handled < limit; handled += 1) {
    const outcome = await deps.db.transaction(async (tx) => {
      const row = await repo.claimNextDue(tx, deps.clock.now());
      return row ? deliverOne(tx, deps, row) : undefined;
    });
    if (!outcome) break;
    report[outcome] += 1;
  }
  return report;
}

async function deliverOne(tx: Tx, deps: DispatchDeps, row: repo.OutboxRow): Promise<Outcome> {
  const attempts = row.attempts + 1;
  const about = { notificationId: row.id, template: row.template, attempts };

  let recipient:
    | { email: string; name: string | null; locale: string; country: string | null; timeZone: string }
    | undefined;
  if (row.recipientUserId) {
    const found = await repo.findRecipient(tx, row.recipientUserId);
    if (found && !found.disabledAt) recipient = found;
  } else if (row.recipientAddress) {
    recipient = {
      email: row.recipientAddress,
      name: null,
      locale: row.locale,
      country: null,
      timeZone: 'UTC',
    };
  }
  if (!recipient) {
    await repo.markFinal(tx, row.id, {
      status: 'skipped',
      attempts: row.attempts,
      lastError: 'recipient_unavailable',
    });
    deps.log.info(about, 'notification skipped: the recipient has no active account');
    return 'skipped';
  }

  let message;
  try {
    message = renderNotification({
      template: row.template,
      params: row.params,
      recipient,
      publicUrl: deps.config.publicUrl,
    });
  } catch (error) {
    // A template that cannot render will not render next time either.
    await repo.markFinal(tx, row.id, { status: 'failed', attempts, lastError: 'render_failed' });
    deps.log.error({ ...about, err: error }, 'notification failed: it could not be rendered');
    return 'failed';
  }

  try {
    await deps.mailer.send({
      to: recipient.email,
      subject: message.subject,
      text: message.text,
      html: message.html,
      language: message.language,
      messageId: `<${row.id}@consilium>`,
      attachments: message.attachments,
    });
  } catch (error) {
    const lastError = describeMailError(error);
    if (attempts >= MAX_ATTEMPTS) {
      await repo.markFinal(tx, row.id, { status: 'failed', attempts, lastError });
      deps.log.error({ ...about, error: lastError }, 'notification failed: no attempts left');
      return 'failed';
    }
    const availableAt = new Date(deps.clock.now().getTime() + retryDelayMs(attempts));
    await repo.markRetry(tx, row.id, { attempts, availableAt, lastError });
    deps.log.warn({ ...about, error: lastError, retryAt: availableAt }, 'notification not sent; will retry');
    return 'retried';
  }

  await repo.markSent(tx, row.id, attempts, deps.clock.now());
  return 'sent';
}

/** Defines the dispatcher's queue: any process may wake or schedule it; the server's workers run it. */
export async function defineNotificationJobs(jobs: JobRunner, deps: DispatchDeps): Promise<void> {
  await jobs.define({
    name: NOTIFICATION_QUEUE,
    // Jobs pile up under load; one run handles all that are waiting.
    batchSize: 100,
    every: '* * * * *',
    wakeOn: NOTIFICATION_WAKE_CHANNEL,
    retryLimit: 2,
    handler: async () => {
      const report = await deliverDueNotifications(deps);
      const handled = report.sent + report.retried + report.failed + report.skipped;
      if (handled >= BATCH_LIMIT) await jobs.send(NOTIFICATION_QUEUE, {});
    },
  });
}
