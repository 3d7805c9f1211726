import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../config.js';
import type {
  Addendum,
  AddendumSubmission,
  DeskFollowup,
  FollowupList,
  FollowupQuestion,
  FollowupQuestionCreation,
} from '../../../shared/followups.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { AppError, notFoundFor } from '../../platform/errors.js';
import { claimIdempotencyKey, requestHash } from '../../platform/idempotency.js';
import { recordAudit } from '../audit/index.js';
import * as cases from '../cases/index.js';
import { caseAuditRecord, caseForActor, isOpen } from '../cases/index.js';
import { enqueueNotification } from '../notifications/index.js';
import { cancelClocksOf, scheduleClock } from '../sla/index.js';
import { displayNameOf } from '../identity/index.js';
import { deskOffer } from './desk.js';
import * as followups from './followups-repo.js';
import { followupsPolicy } from './policy.js';
import { auditFor } from './present.js';
import * as repo from './repo.js';

/*
 * Follow-up questions after the opinion. The case manager forwards a member's question to the
 * specialists who gave the opinion; each answers at their desk within the clock of the settings
 * (reminded before it runs out, the case manager told when it has); the answer is an addendum to
 * their opinion, versioned like the opinion itself, which the member reads on the case page, and
 * the written report carries after the opinions, once the case manager has summarised it for her
 * (followups-summary.ts).
 */

export type FollowupSettings = Config['followup'];

export const followupClockKinds = ['followup_answer_reminder', 'followup_answer_overdue'] as const;

/** Questions go to the specialists once the member has the recommendations, while the case is open. */
const answerable = ['recommendations_delivered', 'monitoring'] as const;

const presentAddendum = (row: followups.AddendumRow): Addendum => ({
  id: row.id,
  version: row.version,
  body: row.body,
  language: row.language as Addendum['language'],
  submittedAt: row.submittedAt.toISOString(),
});

/**
 * The questions of a case with each specialist's answer. Staff see the latest addendum version and
 * its summary, if written; the member sees the latest version whose summary is written, and is told
 * when a newer one is being prepared for her.
 */
export async function presentQuestions(
  db: Queryable,
  caseId: string,
  forMember = false,
): Promise<FollowupQuestion[]> {
  const { questions, recipients } = await followups.questionsOfCase(db, caseId);
  const recipientIds = recipients.map((row) => row.recipient.id);
  const addenda = await followups.addendaOf(db, recipientIds);
  const summaries = new Map(
    (await followups.summariesOf(db, recipientIds)).map((row) => [row.addendumId, row]),
  );
  const names = new Map<string, string | null>();
  for (const row of summaries.values())
    if (!names.has(row.writtenByUserId))
      names.set(row.writtenByUserId, (await displayNameOf(db, row.writtenByUserId)) ?? null);
  const answerOf = (recipientId: string) => {
    const versions = addenda.filter((row) => row.recipientId === recipientId);
    const latest = versions.at(-1);
    const shown = forMember ? versions.filter((row) => summaries.has(row.id)).at(-1) : latest;
    const summary = shown ? summaries.get(shown.id) : undefined;
    return {
      addendum: shown ? presentAddendum(shown) : null,
      summary: summary
        ? {
            addendumVersion: shown!.version,
            language: summary.language,
            body: summary.body,
            writtenBy: names.get(summary.writtenByUserId) ?? null,
            writtenAt: summary.writtenAt.toISOString(),
          }
        : null,
      preparing: latest !== undefined && !summaries.has(latest.id),
    };
  };
  return questions.map((question) => ({
    id: question.id,
    caseId: question.caseId,
    question: question.question,
    askedAt: question.askedAt.toISOString(),
    answers: recipients
      .filter((row) => row.recipient.questionId === question.id)
      .map(({ recipient, name, title }) => ({
        id: recipient.id,
        offerId: recipient.offerId,
        specialist: { name, title },
        status: recipient.status,
        dueAt: recipient.dueAt.toISOString(),
        answeredAt: recipient.answeredAt?.toISOString() ?? null,
        ...answerOf(recipient.id),
      })),
  }));
}

/**
 * The case manager forwards a member's question to specialists who gave the opinion of the case:
 * only after delivery, while the case is open, and only to offers whose opinion is in (not one
 * that was declined, lapsed or withdrawn). Each specialist is e-mailed that a question waits
 * (never the question) and their clock starts. A retry with the same Idempotency-Key answers the
 * question it forwarded.
 */
export async function forwardQuestion(
  ctx: RequestContext,
  settings: FollowupSettings,
  caseId: string,
  input: FollowupQuestionCreation,
  idempotencyKey?: string,
): Promise<{ question: FollowupQuestion; created: boolean }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId, {
      lock: true,
      sees: followupsPolicy.read,
      may: followupsPolicy.forward,
    });
    const id = uuidv7();
    const retry = await claimIdempotencyKey(
      tx,
      {
        userId: actor.userId,
        key: idempotencyKey,
        requestHash: requestHash('followup', caseId, input),
        resourceId: id,
      },
      async (existingId) =>
        (await presentQuestions(tx, caseId)).find((question) => question.id === existingId),
    );
    if (retry) return { question: retry.replayed, created: false };
    if (!isOpen(kase.status))
      throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: kase.status } });
    if (!(answerable as readonly string[]).includes(kase.status))
      throw new AppError('followup.not_delivered');
    const reviews = await repo.listReviewsOfCase(tx, caseId);
    const review = reviews.filter((row) => row.status === 'complete').at(-1);
    if (!review) throw new AppError('followup.not_delivered');

    const offerIds = [...new Set(input.offerIds)];
    const offers = await Promise.all(offerIds.map((offerId) => repo.findOffer(tx, offerId)));
    const specialists = await repo.findSpecialists(
      tx,
      offers.flatMap((offer) => (offer ? [offer.specialistId] : [])),
    );
    const refused = offerIds.flatMap((offerId, index) => {
      const offer = offers[index];
      const gaveOpinion =
        offer?.caseId === caseId && offer.reviewId === review.id && offer.status === 'submitted';
      // A specialist who left the network (no desk account) cannot answer either.
      const atDesk = specialists.some((row) => row.id === offer?.specialistId && row.userId);
      return gaveOpinion && atDesk ? [] : [index];
    });
    if (refused.length > 0) {
      throw new AppError('followup.specialist_not_on_opinion', {
        errors: refused.map((index) => ({
          path: `body.offerIds.${index}`,
          code: 'not_on_opinion',
          message: 'must be a specialist who gave the opinion of this case',
        })),
      });
    }

    const now = ctx.clock.now();
    const dueAt = new Date(now.getTime() + settings.answerMs);
    const remindAt = new Date(dueAt.getTime() - settings.reminderBeforeMs);
    await followups.insertQuestion(tx, {
      id,
      caseId,
      reviewId: review.id,
      question: input.question.trim(),
      askedByUserId: actor.userId,
      askedAt: now,
    });
    for (const offer of offers) {
      const recipientId = uuidv7();
      await followups.insertRecipient(tx, {
        id: recipientId,
        questionId: id,
        caseId,
        offerId: offer!.id,
        specialistId: offer!.specialistId,
        status: 'open',
        dueAt,
      });
      const clock = { caseId, subjectId: recipientId, now };
      if (remindAt > now)
        await scheduleClock(tx, { ...clock, kind: 'followup_answer_reminder', dueAt: remindAt });
      await scheduleClock(tx, { ...clock, kind: 'followup_answer_overdue', dueAt });
      const userId = specialists.find((row) => row.id === offer!.specialistId)!.userId!;
      await enqueueNotification(tx, ctx, {
        template: 'followup.question_forwarded',
        recipientUserId: userId,
        params: { offerId: offer!.id, caseNumber: kase.number, dueAt: dueAt.toISOString() },
        dedupeKey: `followup.question_forwarded:${recipientId}`,
      });
    }
    // The timeline says a question went to the specialists, never what it asks.
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'followup_question_forwarded',
      actorUserId: actor.userId,
      actorRole: actor.role,
      data: { questionId: id, specialists: offers.length },
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'followup.forwarded', details: { specialists: offers.length } },
      caseAuditRecord(actor, kase, { type: 'followup_question', id }),
    );
    const question = (await presentQuestions(tx, caseId)).find((row) => row.id === id)!;
    return { question, created: true };
  });
}

/** The questions of a case and the specialists' answers, for the member and the case manager. */
export async function listFollowups(ctx: RequestContext, caseId: string): Promise<FollowupList> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId, { sees: followupsPolicy.read });
    const items = await presentQuestions(tx, caseId, actor.role === 'member');
    await recordAudit(
      tx,
      ctx,
      { action: 'followup.read', details: { count: items.length } },
      caseAuditRecord(actor, kase, { type: 'followup_question_list', id: kase.id }),
    );
    return { items };
  });
}

// The specialist's desk.

async function presentDeskFollowups(db: Queryable, offerId: string, caseNumber: string) {
  const rows = await followups.recipientsOfOffer(db, offerId);
  const addenda = await followups.addendaOf(
    db,
    rows.map((row) => row.recipient.id),
  );
  return rows.map(({ recipient, question }): DeskFollowup => ({
    id: recipient.id,
    offerId,
    caseNumber,
    question: question.question,
    askedAt: question.askedAt.toISOString(),
    dueAt: recipient.dueAt.toISOString(),
    status: recipient.status,
    addenda: addenda.filter((row) => row.recipientId === recipient.id).map(presentAddendum),
  }));
}

/** The questions about one of the specialist's opinions (their offer), with their addenda. */
export async function deskFollowups(
  ctx: RequestContext,
  offerId: string,
): Promise<{ items: DeskFollowup[] }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const desk = await deskOffer(tx, actor, offerId, false);
    const items = await presentDeskFollowups(tx, offerId, desk.kase.number);
    await recordAudit(
      tx,
      ctx,
      { action: 'followup.desk_read', details: { count: items.length } },
      auditFor(desk.kase, 'review_offer', offerId, 'care'),
    );
    return { items };
  });
}

const contentHash = (input: { body: string; language: string }) =>
  createHash('sha256')
    .update(JSON.stringify([input.body.trim(), input.language]))
    .digest('hex');

/**
 * The specialist answers a question: version 1 is the answer, a later version an edit of it.
 * Versions never change. The same version again with the same text is a second submission (409
 * `followup.addendum_already_submitted`); with other text, or a version not next, a stale write
 * (409 `resource.version_conflict`). The first answer stops the clock; the member is told of it
 * once the case manager has summarised it.
 */
export async function submitAddendum(
  ctx: RequestContext,
  recipientId: string,
  input: AddendumSubmission,
  idempotencyKey?: string,
): Promise<{ created: boolean; followup: DeskFollowup }> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const seen = await followups.findRecipient(tx, recipientId);
    const specialist = await repo.specialistOfUser(tx, actor.userId);
    if (!seen || !specialist || seen.specialistId !== specialist.id)
      throw notFoundFor({
        entityType: 'followup_recipient',
        entityId: recipientId,
        reason: seen ? 'not_found_for_actor' : 'no_such_record',
      });
    const desk = await deskOffer(tx, actor, seen.offerId, true);
    const recipient = (await followups.findRecipient(tx, recipientId, true))!;
    const present = async () =>
      (await presentDeskFollowups(tx, recipient.offerId, desk.kase.number)).find(
        (row) => row.id === recipientId,
      )!;
    const hash = contentHash(input);
    const id = uuidv7();
    const retry = await claimIdempotencyKey(
      tx,
      {
        userId: actor.userId,
        key: idempotencyKey,
        requestHash: requestHash('addendum', recipientId, input.version, hash),
        resourceId: id,
      },
      async (existingId) => {
        const existing = await followups.findAddendum(tx, existingId);
        return existing?.recipientId === recipientId ? present() : undefined;
      },
    );
    if (retry) return { created: false, followup: retry.replayed };
    if (recipient.status === 'ended') throw new AppError('followup.closed');

    const versions = await followups.addendaOf(tx, [recipientId]);
    const latest = versions.at(-1);
    const same = versions.find((row) => row.version === input.version);
    if (same && same.contentHash === hash)
      throw new AppError('followup.addendum_already_submitted', { extensions: { current: await present() } });
    if (input.version !== (latest?.version ?? 0) + 1)
      throw new AppError('resource.version_conflict', { extensions: { current: await present() } });

    const now = ctx.clock.now();
    const inserted = await followups.insertAddendum(tx, {
      id,
      recipientId,
      caseId: recipient.caseId,
      specialistId: specialist.id,
      version: input.version,
      body: input.body.trim(),
      language: input.language,
      contentHash: hash,
      submittedByUserId: actor.userId,
      submittedAt: now,
    });
    if (!inserted) throw new AppError('resource.version_conflict');
    const first = recipient.status === 'open';
    if (first) {
      await followups.updateRecipient(tx, recipientId, 'open', { status: 'answered', answeredAt: now });
      await cancelClocksOf(tx, recipientId, followupClockKinds, now);
    }
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId: desk.kase.id,
      type: first ? 'followup_answered' : 'followup_answer_edited',
      actorUserId: actor.userId,
      actorRole: actor.role,
      data: { questionId: recipient.questionId, version: input.version },
      occurredAt: now,
    });
    // The member is told an answer arrived once its summary is written (followups-summary.ts).
    await recordAudit(
      tx,
      ctx,
      {
        action: 'followup.addendum_submitted',
        details: { version: input.version, language: input.language },
      },
      auditFor(desk.kase, 'followup_addendum', id, 'care'),
    );
    return { created: true, followup: await present() };
  });
}

// Clocks and endings.

/**
 * The reminder e-mails the specialist before their answer is due; at the due time an unanswered
 * question is escalated to the case manager (e-mail and the staff's timeline). Each fires once (the
 * SLA sweep); a question answered or ended meanwhile does nothing.
 */
export async function fireFollowupClock(
  tx: Tx,
  ctx: RequestContext,
  clock: { kind: string; caseId: string; subjectId: string | null },
): Promise<void> {
  if (!clock.subjectId) return;
  const recipient = await followups.findRecipient(tx, clock.subjectId, true);
  if (!recipient || recipient.status !== 'open') return;
  const kase = await cases.findCase(tx, recipient.caseId);
  if (!kase || !isOpen(kase.status)) return;
  if (clock.kind === 'followup_answer_reminder') {
    const [specialist] = await repo.findSpecialists(tx, [recipient.specialistId]);
    if (!specialist?.userId) return;
    await enqueueNotification(tx, ctx, {
      template: 'followup.answer_due_soon',
      recipientUserId: specialist.userId,
      params: { offerId: recipient.offerId, caseNumber: kase.number, dueAt: recipient.dueAt.toISOString() },
      dedupeKey: `followup.answer_due_soon:${recipient.id}`,
    });
    return;
  }
  if (kase.caseManagerUserId) {
    await enqueueNotification(tx, ctx, {
      template: 'followup.answer_overdue',
      recipientUserId: kase.caseManagerUserId,
      params: { caseId: kase.id, caseNumber: kase.number },
      dedupeKey: `followup.answer_overdue:${recipient.id}`,
    });
  }
  await cases.appendEvent(tx, {
    id: uuidv7(),
    caseId: kase.id,
    type: 'followup_answer_overdue',
    actorRole: 'system',
    staffOnly: true,
    data: { questionId: recipient.questionId, recipientId: recipient.id },
    occurredAt: ctx.clock.now(),
  });
  await recordAudit(
    tx,
    ctx,
    { action: 'followup.answer_overdue', details: {} },
    auditFor(kase, 'followup_recipient', recipient.id, 'care'),
  );
}

/** A case that ends ends its open questions: their clocks stop, the desk takes no answer. */
export async function endFollowupsOfCase(tx: Tx, ctx: RequestContext, caseId: string): Promise<void> {
  const now = ctx.clock.now();
  for (const recipient of await followups.openRecipientsOfCase(tx, caseId)) {
    await followups.updateRecipient(tx, recipient.id, 'open', { status: 'ended', endedAt: now });
    await cancelClocksOf(tx, recipient.id, followupClockKinds, now);
  }
}
