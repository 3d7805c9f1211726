import { v7 as uuidv7 } from 'uuid';
import { caseStatuses, type CaseStatus } from '../../../shared/cases.js';
import type { SlaDashboard, SlaSettingsView } from '../../../shared/sla.js';
import type { Runtime } from '../../room.js';
import { actorOf, systemContext, type RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import { chooseCaseManager, isOnDuty, staffAbsenceOf, staffDutyOf } from '../assignment/index.js';
import * as cases from '../cases/index.js';
import { reactionTo } from './clocks.js';
import { FIRST_CONTACT_PROMISE_MS, rescueDeadline } from './deadlines.js';
import { slaPolicy } from './policy.js';
import {
  awaitingFirstContactStandings,
  caseManagerWorkload,
  casesNeedingAttention,
  nextDueClock,
  claimClock,
  firstContactFigures,
  markCancelled,
  markFired,
  openCasesByStatus,
  type ClockKind,
  type SlaSettings,
} from './repo.js';

const awaitingFirstContact = (status: string) => status === 'submitted' || status === 'assigned';

/**
 * Fires every clock that is due, one transaction per clock: the clock is marked fired in the
 * same transaction as its effects (timeline entries, reassignment, notifications), so it fires
 * exactly once, and a failure leaves it due for the next sweep.
 */
export async function fireDueClocks(ctx: RequestContext, limit = 500): Promise<number> {
  let fired = 0;
  // Where this sweep has looked: a clock another instance holds or has just fired is passed over.
  let after: { dueAt: Date; id: string } | undefined;
  while (fired < limit) {
    const outcome = await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      const due = await nextDueClock(tx, now, after);
      if (!due) return 'none' as const;
      after = { dueAt: due.dueAt, id: due.id };
      // The case first, then its clock: the order every change of a case takes (a first contact
      // or a withdrawal locks the case, then cancels its clocks), so the two never deadlock.
      const kase = await cases.lockCase(tx, due.caseId);
      const clock = await claimClock(tx, due.id, now);
      if (!clock) return 'passed' as const;
      const reaction = reactionTo(clock.kind);
      if (reaction) {
        // Another room's clock (a review offer's expiry, its due reminder): that room reacts.
        await reaction(tx, ctx, clock);
        await markFired(tx, clock.id, now);
        return 'fired' as const;
      }
      if (!kase || !cases.isOpen(kase.status) || !awaitingFirstContact(kase.status)) {
        await markCancelled(tx, clock.id, now);
        return 'fired' as const;
      }
      const kind = clock.kind as ClockKind;
      await cases.appendEvent(tx, {
        id: uuidv7(),
        caseId: kase.id,
        type: kind,
        actorRole: 'system',
        staffOnly: true,
        data: { dueAt: kase.firstContactDueAt.toISOString(), caseManagerUserId: kase.caseManagerUserId },
        occurredAt: now,
      });
      if (kind === 'first_contact_warning') await cases.notifyFirstContactWarning(tx, ctx, kase);
      if (kind === 'first_contact_escalation') await cases.notifyOperations(tx, ctx, kase, 'escalation');
      if (kind === 'first_contact_breach') {
        await cases.notifyOperations(tx, ctx, kase, 'breach');
        await rescueBreachedCase(tx, ctx, kase, now);
      }
      await markFired(tx, clock.id, now);
      return 'fired' as const;
    });
    if (outcome === 'none') break;
    if (outcome === 'fired') fired += 1;
  }
  return fired;
}

/**
 * At breach, a case whose case manager is off shift or away (or that has none) goes to someone on
 * duty now who can still make the contact; operations have been alerted either way.
 */
async function rescueBreachedCase(
  tx: Tx,
  ctx: RequestContext,
  kase: cases.CaseRow,
  now: Date,
): Promise<void> {
  if (kase.caseManagerUserId) {
    const duty = await staffDutyOf(tx, kase.caseManagerUserId);
    const absences = await staffAbsenceOf(tx, kase.caseManagerUserId, now);
    if (duty && isOnDuty({ ...duty, absences }, now)) return;
  }
  const choice = await chooseCaseManager(tx, {
    memberId: kase.memberId,
    language: kase.preferredLanguage,
    now,
    deadline: rescueDeadline(now),
    excludeUserId: kase.caseManagerUserId ?? undefined,
  });
  if (!choice) return;
  await cases.reassignLocked(
    tx,
    { ...ctx, actor: null },
    kase,
    choice.caseManagerUserId,
    kase.caseManagerUserId
      ? 'First contact overdue and the case manager is off shift or away: reassigned automatically.'
      : 'First contact overdue and no case manager was assigned: assigned automatically.',
    { placeReserved: true },
  );
}

export const SLA_QUEUE = 'sla.sweep';

/** The clocks are checked every minute by whichever instance's worker takes the job. */
export async function defineSlaJobs(
  jobs: JobRunner,
  deps: Pick<Runtime, 'db' | 'clock' | 'log'>,
): Promise<void> {
  await jobs.define({
    name: SLA_QUEUE,
    every: '* * * * *',
    retryLimit: 2,
    handler: async () => {
      const ctx = systemContext(deps, `sla-${uuidv7()}`);
      await fireDueClocks(ctx);
      await cases.sendDueFollowUpReminders(ctx);
    },
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export function getSlaSettings(ctx: RequestContext, settings: SlaSettings): SlaSettingsView {
  if (!slaPolicy.readSettings(actorOf(ctx))) throw notFound();
  return {
    firstContactHours: FIRST_CONTACT_PROMISE_MS / HOUR_MS,
    warningHoursBefore: settings.warningBeforeMs / HOUR_MS,
    escalationHoursBefore: settings.escalationBeforeMs / HOUR_MS,
  };
}
const openStatuses = caseStatuses.filter(cases.isOpen);
const minutes = (seconds: number | string | null) =>
  seconds === null ? null : Math.round((Number(seconds) / 60) * 10) / 10;

async function firstContactWindow(db: Queryable, now: Date, days: number) {
  const figures = await firstContactFigures(db, new Date(now.getTime() - days * DAY_MS), now);
  return {
    days,
    decided: figures.decided,
    withinPromise: figures.within_promise,
    rate: figures.decided === 0 ? null : figures.within_promise / figures.decided,
    medianMinutes: minutes(figures.median_seconds),
    p90Minutes: minutes(figures.p90_seconds),
  };
}

/**
 * The service-level dashboard: open cases by state, the cases at risk and breached, how the
 * 24-hour promise was kept over the last 7 and 30 days, and each case manager's workload. The
 * figures are read in one repeatable-read snapshot so they agree with each other; the read is
 * audited (the attention list names cases).
 */
export async function getSlaDashboard(
  ctx: RequestContext,
  settings: Pick<SlaSettings, 'warningBeforeMs'>,
): Promise<SlaDashboard> {
  const actor = actorOf(ctx);
  if (!slaPolicy.readDashboard(actor)) throw notFound();
  return ctx.db.transaction(
    async (tx) => {
      const now = ctx.clock.now();
      const byStatus = await openCasesByStatus(tx, openStatuses);
      const standings = await awaitingFirstContactStandings(tx, now, settings.warningBeforeMs);
      const attention = await casesNeedingAttention(tx, now, settings.warningBeforeMs, 100);
      const last7Days = await firstContactWindow(tx, now, 7);
      const last30Days = await firstContactWindow(tx, now, 30);
      const workload = await caseManagerWorkload(tx, openStatuses);
      await recordAudit(
        tx,
        ctx,
        { action: 'sla.dashboard_read', details: { attention: attention.length } },
        { entityType: 'sla_dashboard', purpose: 'operations' },
      );
      const counts = new Map(byStatus.map((row) => [row.status, row.count]));
      return {
        generatedAt: now.toISOString(),
        warningHoursBefore: settings.warningBeforeMs / HOUR_MS,
        openByStatus: openStatuses.map((status) => ({ status, count: counts.get(status) ?? 0 })),
        awaitingFirstContact: {
          onTrack: standings.on_track,
          atRisk: standings.at_risk,
          breached: standings.breached,
        },
        attention: attention.map((row) => {
          const dueAt = new Date(row.first_contact_due_at);
          return {
            id: row.id,
            number: row.number,
            status: row.status as CaseStatus,
            standing: dueAt <= now ? ('breached' as const) : ('at_risk' as const),
            preferredLanguage: row.preferred_language,
            interpreterNeeded: row.interpreter_needed,
            firstContactDueAt: dueAt.toISOString(),
            version: row.version,
            caseManager:
              row.case_manager_id && row.case_manager_name
                ? { id: row.case_manager_id, name: row.case_manager_name }
                : null,
          };
        }),
        firstContact: { last7Days, last30Days },
        workload: workload.map((row) => ({
          id: row.id,
          name: row.name,
          languages: row.languages ?? [],
          openCases: row.open_cases,
          maxOpenCases: row.max_open_cases ?? 0,
          disabled: row.disabled,
        })),
      };
    },
    { isolationLevel: 'repeatable read' },
  );
}
