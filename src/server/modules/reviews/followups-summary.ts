import type { z } from 'zod';
import type { AddendumSummaryEntry, FollowupAnswer } from '../../../shared/followups.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { caseAuditRecord, caseForActor } from '../cases/index.js';
import { enqueueNotification } from '../notifications/index.js';
import { presentQuestions } from './followups.js';
import * as followups from './followups-repo.js';
import { followupsPolicy } from './policy.js';
import { requireMemberLanguage } from './summary.js';

/*
 * The summary layer of a specialist's answer (docs/opinion-layers.md): the case manager writes, in
 * the member's language and plain words, what each addendum version says, as for the opinion. The
 * member reads a version once its summary is written, and is e-mailed then that an answer arrived.
 */

/**
 * The case manager writes the summary of the latest version of a specialist's answer. A newer
 * version than the one summarised is a stale write (409); a summary in another language than the
 * member's is refused with the field (422). The first summary of a version tells the member, by
 * e-mail, that an answer arrived (never the answer); writing it again replaces its words only.
 */
export async function writeAddendumSummary(
  ctx: RequestContext,
  caseId: string,
  recipientId: string,
  input: z.output<typeof AddendumSummaryEntry>,
): Promise<FollowupAnswer> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId, {
      lock: true,
      sees: followupsPolicy.read,
      may: followupsPolicy.forward,
    });
    const recipient = await followups.findRecipient(tx, recipientId, true);
    if (!recipient || recipient.caseId !== caseId) throw notFound();
    const present = async () =>
      (await presentQuestions(tx, caseId))
        .flatMap((question) => question.answers)
        .find((answer) => answer.id === recipientId)!;
    const latest = (await followups.addendaOf(tx, [recipientId])).at(-1);
    if (!latest || latest.version !== input.addendumVersion)
      throw new AppError('resource.version_conflict', { extensions: { current: await present() } });
    requireMemberLanguage(input.language, kase.preferredLanguage, {
      code: 'review.summary_language_mismatch',
      path: 'body.language',
    });
    const before = (await followups.summariesOf(tx, [recipientId])).find(
      (row) => row.addendumId === latest.id,
    );
    await followups.saveSummary(tx, {
      addendumId: latest.id,
      recipientId,
      caseId,
      language: input.language,
      body: input.body,
      writtenByUserId: actor.userId,
      writtenAt: ctx.clock.now(),
    });
    if (!before) {
      await enqueueNotification(tx, ctx, {
        template: 'followup.answer_arrived',
        recipientUserId: kase.requestedByUserId,
        params: { caseId: kase.id, caseNumber: kase.number },
        dedupeKey: `followup.answer_arrived:${latest.id}`,
      });
    }
    await recordAudit(
      tx,
      ctx,
      { action: 'followup.summary_written', details: { version: latest.version, language: input.language } },
      caseAuditRecord(actor, kase, { type: 'followup_addendum', id: latest.id }),
    );
    return present();
  });
}
