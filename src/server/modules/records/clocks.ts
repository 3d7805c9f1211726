import type { RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { recordAudit } from '../audit/index.js';
import * as cases from '../cases/index.js';
import { enqueueNotification } from '../notifications/index.js';
import type { DueClock } from '../sla/index.js';
import * as repo from './repo.js';

/**
 * What the records room's clocks do when the SLA sweep fires them (once, whatever the number of
 * instances): remind the provider on day 3 and day 7 while the request is unanswered, and tell
 * the case manager when the link expired unanswered. A request answered, withdrawn or revoked in
 * the meantime had its clocks cancelled; the checks here cover a race with that.
 */
export async function fireRecordsClock(tx: Tx, ctx: RequestContext, clock: DueClock): Promise<void> {
  if (!clock.subjectId) return;
  const request = await repo.lockRequestById(tx, clock.subjectId);
  if (!request || request.finishedAt || request.closedAt || !request.expiresAt) return;
  const kase = await cases.findCase(tx, request.caseId);
  if (!kase || !cases.isOpen(kase.status)) return;
  if (clock.kind === 'provider_request_overdue') {
    const now = ctx.clock.now();
    await repo.updateRequest(tx, request.id, { overdueAt: now });
    if (kase.caseManagerUserId) {
      await enqueueNotification(tx, ctx, {
        template: 'records.request_overdue',
        recipientUserId: kase.caseManagerUserId,
        params: { caseId: kase.id, caseNumber: kase.number },
        dedupeKey: `records.request_overdue:${request.id}`,
      });
    }
    await recordAudit(
      tx,
      ctx,
      { action: 'provider_request.overdue', details: {} },
      {
        entityType: 'provider_record_request',
        entityId: request.id,
        subjectMemberId: kase.memberId,
        purpose: 'care',
      },
    );
    return;
  }
  const provider = await repo.findProvider(tx, request.caseId, request.providerId);
  if (!provider) return;
  await enqueueNotification(tx, ctx, {
    template: 'records.provider_reminder',
    recipientAddress: provider.email,
    locale: provider.language,
    params: { providerRequestId: request.id, expiresAt: request.expiresAt.toISOString() },
    dedupeKey: `records.provider_reminder:${request.id}:${clock.kind}`,
  });
}
