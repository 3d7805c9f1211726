import { systemContext, type RequestContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import type { AccessDenial } from '../../platform/errors.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import { activeUserIdsWithRole } from '../identity/index.js';
import { enqueueNotification } from '../notifications/index.js';
import * as repo from './repo.js';
import { recordAudit } from './service.js';

/**
 * Refused accesses, recorded without letting a scan flood the trail. Per actor and fixed window of
 * five minutes: the first 20 refusals are recorded one by one (`access.denied`, outcome `denied`);
 * the rest are counted, and once the window is over one `access.denials_summarised` event gives
 * their number. The 21st refusal in a window (more than 20 in five minutes) alerts operations by
 * e-mail, once per burst: the window's row decides it in the database, so several instances alert
 * once between them.
 *
 * A refusal names the record asked for (its type and id) but no member: nothing of anybody's was
 * read, so it does not appear in a member's access log as a read of their data. The privacy
 * officer and operations find it in the trail by the actor and the record.
 */
export const DENIAL_WINDOW_MS = 5 * 60_000;
export const DENIALS_RECORDED_ONE_BY_ONE = 20;
export const DENIAL_BURST_THRESHOLD = 20;

export async function recordAccessDenial(ctx: RequestContext, denial: AccessDenial): Promise<void> {
  const actor = ctx.actor;
  if (!actor) return;
  const now = ctx.clock.now();
  const windowStartsAt = new Date(Math.floor(now.getTime() / DENIAL_WINDOW_MS) * DENIAL_WINDOW_MS);
  await ctx.db.transaction(async (tx) => {
    const count = await repo.countDenial(tx, {
      actorUserId: actor.userId,
      actorRole: actor.role,
      windowStartsAt,
    });
    if (count <= DENIALS_RECORDED_ONE_BY_ONE) {
      await recordAudit(
        tx,
        ctx,
        { action: 'access.denied', details: { reason: denial.reason } },
        { entityType: denial.entityType, entityId: denial.entityId, purpose: 'security', outcome: 'denied' },
      );
    }
    // Exactly one transaction sees the count pass the threshold: the upsert holds the row's lock.
    if (count === DENIAL_BURST_THRESHOLD + 1) {
      await repo.markDenialWindowAlerted(tx, { actorUserId: actor.userId, windowStartsAt }, now);
      await recordAudit(
        tx,
        ctx,
        {
          action: 'access.denial_burst_alerted',
          details: { windowStartsAt: windowStartsAt.toISOString(), threshold: DENIAL_BURST_THRESHOLD },
        },
        { entityType: 'user', entityId: actor.userId, purpose: 'security', outcome: 'denied' },
      );
      for (const userId of await activeUserIdsWithRole(tx, 'ops')) {
        await enqueueNotification(tx, ctx, {
          template: 'security.access_denials_burst',
          recipientUserId: userId,
          params: {
            accountId: actor.userId,
            deniedCount: count,
            windowStartsAt: windowStartsAt.toISOString(),
          },
          dedupeKey: `security.access_denials_burst:${actor.userId}:${windowStartsAt.toISOString()}:${userId}`,
        });
      }
    }
  });
}

/**
 * Writes the count of each finished window's refusals past those recorded one by one (one event per
 * window), and forgets windows older than a day. Safe from several instances: rows are claimed.
 */
export async function summariseAccessDenials(deps: { db: Database; ctx: RequestContext }): Promise<number> {
  const { db, ctx } = deps;
  const now = ctx.clock.now();
  const finishedBefore = new Date(now.getTime() - DENIAL_WINDOW_MS);
  return db.transaction(async (tx) => {
    const windows = await repo.claimFinishedDenialWindows(tx, finishedBefore, 500);
    for (const window of windows) {
      if (window.denials > DENIALS_RECORDED_ONE_BY_ONE) {
        await recordAudit(
          tx,
          ctx,
          {
            action: 'access.denials_summarised',
            details: {
              windowStartsAt: window.windowStartsAt.toISOString(),
              recordedOneByOne: DENIALS_RECORDED_ONE_BY_ONE,
              counted: window.denials - DENIALS_RECORDED_ONE_BY_ONE,
            },
          },
          { entityType: 'user', entityId: window.actorUserId, purpose: 'security', outcome: 'denied' },
        );
      }
      await repo.markDenialWindowSummarised(tx, window, now);
    }
    await repo.forgetDenialWindows(tx, new Date(now.getTime() - 24 * 3_600_000));
    return windows.length;
  });
}

export const DENIAL_SUMMARY_QUEUE = 'audit.denials_summary';

export async function defineDenialJobs(
  jobs: JobRunner,
  deps: { db: Database; clock: RequestContext['clock']; log: RequestContext['log'] },
): Promise<void> {
  await jobs.define({
    name: DENIAL_SUMMARY_QUEUE,
    every: '* * * * *',
    retryLimit: 2,
    handler: async () => {
      await summariseAccessDenials({ db: deps.db, ctx: systemContext(deps, 'job:audit.denials_summary') });
    },
  });
}
