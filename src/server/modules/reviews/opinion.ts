import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Opinion, OpinionSubmission } from '../../../shared/reviews.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import * as cases from '../cases/index.js';
import { transition } from '../cases/index.js';
import { enqueueNotification } from '../notifications/index.js';
import { releaseReviewPlace } from '../specialists/index.js';
import { claimIdempotencyKey } from '../../platform/idempotency.js';
import { cancelOfferClocks } from './clocks.js';
import { specialistLanguages } from './layers-repo.js';
import * as repo from './repo.js';
import { deskOffer } from './desk.js';
import { auditFor, presentOpinion } from './present.js';

type OpinionInput = z.output<typeof OpinionSubmission>;

// The opinion.

const contentHash = (input: OpinionInput) => createHash('sha256').update(JSON.stringify(input)).digest('hex');

/**
 * The specialist submits their opinion (version 1), or corrects it (the next version, with a
 * reason). Submitted versions never change. A retry of the same request (the same Idempotency-Key)
 * returns the one on file; the same version sent again with the same content is a second
 * submission, refused (409 `review.opinion_already_submitted`), and with other content a stale
 * write (409 `resource.version_conflict`). When the panel's last opinion is in, the case moves to
 * `opinion_ready`.
 */
export async function submitOpinion(
  ctx: RequestContext,
  offerId: string,
  input: OpinionInput,
  options: { idempotencyKey?: string } = {},
): Promise<{ created: boolean; opinion: Opinion }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const desk = await deskOffer(tx, actor, offerId, true);
    const { review, kase, offer, specialist } = desk;
    const hash = contentHash(input);
    const opinionId = uuidv7();
    const present = (row: repo.OpinionRow) => presentOpinion({ opinion: row, specialist }, review.questions);

    const retry = await claimIdempotencyKey(
      tx,
      { userId: actor.userId, key: options.idempotencyKey, requestHash: hash, resourceId: opinionId },
      async (existingId) => {
        const existing = await repo.findOpinion(tx, existingId);
        if (!existing || existing.offerId !== offerId) throw notFound();
        return present(existing);
      },
    );
    if (retry) return { created: false, opinion: retry.replayed };

    const versions = await repo.opinionsOfOffer(tx, offerId);
    const latest = versions.at(-1);
    const same = versions.find((row) => row.version === input.version);
    if (same && same.contentHash === hash) {
      throw new AppError('review.opinion_already_submitted', {
        extensions: { current: present(latest ?? same) },
      });
    }
    if (input.version !== (latest?.version ?? 0) + 1) {
      throw new AppError('resource.version_conflict', {
        extensions: { current: latest ? present(latest) : null },
      });
    }
    const correction = input.version > 1;
    if (!correction && offer.status !== 'accepted') throw new AppError('review.not_accepted');
    if (correction) {
      if (!input.correctionReason) throw new AppError('review.correction_reason_required');
      if (kase.status !== 'under_review' && kase.status !== 'opinion_ready') {
        throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: kase.status } });
      }
    }
    const missing = review.questions.flatMap((_, index) => (input.answers[index] ? [] : [index]));
    if (missing.length > 0) {
      throw new AppError('review.answer_missing', {
        errors: missing.map((index) => ({
          path: `body.answers.${index}`,
          code: 'missing_answer',
          message: 'must answer this question of the review',
        })),
      });
    }
    if (input.answers.length > review.questions.length) {
      throw new AppError('request.validation_failed', {
        errors: [
          {
            path: `body.answers.${review.questions.length}`,
            code: 'too_big',
            message: `the review has ${review.questions.length} questions`,
          },
        ],
      });
    }

    const now = ctx.clock.now();
    // The language the opinion is written in, as the specialist says, else their first language.
    const language =
      input.language ?? latest?.language ?? (await specialistLanguages(tx, specialist.id))[0] ?? 'en';
    const inserted = await repo.insertOpinion(tx, {
      id: opinionId,
      offerId,
      reviewId: review.id,
      caseId: kase.id,
      specialistId: specialist.id,
      version: input.version,
      diagnosisVerdict: input.diagnosis.verdict,
      proposedDiagnosisCode: input.diagnosis.proposedCode ?? null,
      treatmentVerdict: input.treatment.verdict,
      furtherTests: input.furtherTests,
      answers: input.answers,
      narrative: input.narrative,
      references: input.references,
      correctionReason: correction ? (input.correctionReason ?? null) : null,
      language,
      contentHash: hash,
      submittedByUserId: actor.userId,
      submittedAt: now,
    });
    if (!inserted) throw new AppError('resource.version_conflict');

    if (!correction) {
      await repo.moveOffer(tx, offerId, ['accepted'], { status: 'submitted', submittedAt: now });
      await repo.lockSpecialist(tx, specialist.id);
      await releaseReviewPlace(tx, specialist.id, now);
      // The specialist's record: one more review done, the median turnaround taken again.
      await repo.recordCompletedReview(tx, specialist.id, now);
      await cancelOfferClocks(tx, offerId, now);
    }
    // The timeline tells that an opinion is in (or corrected), never what it says.
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId: kase.id,
      type: correction ? 'review_opinion_corrected' : 'review_opinion_submitted',
      actorUserId: actor.userId,
      actorRole: actor.role,
      staffOnly: correction,
      data: { reviewId: review.id, offerId, version: input.version },
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'review.opinion_submitted', details: { version: input.version } },
      auditFor(kase, 'review_opinion', opinionId, 'care'),
    );
    if (!correction && (await repo.countSubmitted(tx, review.id)) >= review.panelSize) {
      await completeReview(tx, ctx, review, kase);
    }
    return { created: true, opinion: present(inserted) };
  });
}

/** Every panel member's opinion is in: the review is complete and the case `opinion_ready`. */
async function completeReview(tx: Tx, ctx: RequestContext, review: repo.ReviewRow, kase: cases.CaseRow) {
  const now = ctx.clock.now();
  await repo.updateReview(tx, review.id, { status: 'complete', completedAt: now, updatedAt: now });
  const system = { ...ctx, actor: null };
  const current = (await cases.lockCase(tx, kase.id))!;
  await transition(tx, system, {
    kase: current,
    event: 'complete_review',
    relation: 'system',
    facts: { allOpinionsIn: true },
    data: { reviewId: review.id },
  });
  if (kase.caseManagerUserId) {
    await enqueueNotification(tx, system, {
      template: 'review.opinions_ready',
      recipientUserId: kase.caseManagerUserId,
      params: { caseId: kase.id, caseNumber: kase.number },
      dedupeKey: `review.opinions_ready:${review.id}`,
    });
  }
  await recordAudit(
    tx,
    system,
    { action: 'review.completed', details: {} },
    auditFor(kase, 'review', review.id, 'care'),
  );
}
