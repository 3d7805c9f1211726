import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type {
  OpinionLayers,
  OpinionSummary,
  OpinionSummaryDraft,
  OpinionTranslation,
  OpinionTranslationEntry,
} from '../../../shared/opinion-layers.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import * as cases from '../cases/index.js';
import { caseForActor, readCasePart } from '../cases/index.js';
import { displayNameOf } from '../identity/index.js';
import * as layers from './layers-repo.js';
import type { ReportLayers } from './report-layers.js';
import { auditFor, presentOpinion } from './present.js';
import { reviewsPolicy } from './policy.js';
import * as repo from './repo.js';

/*
 * The opinion's layers the case manager writes (docs/opinion-layers.md): the summary for the
 * member, in the member's language and plain words, required before the opinion reaches them; and
 * the translation of an expert opinion written in another language, a tracked step (who, when).
 */

/** Two language tags name the same written language: `en` and `en-GB` do, `zh-CN` and `zh-TW` do not. */
export function sameLanguage(a: string, b: string): boolean {
  try {
    const [left, right] = [new Intl.Locale(a).maximize(), new Intl.Locale(b).maximize()];
    return left.language === right.language && left.script === right.script;
  } catch {
    return a.toLowerCase() === b.toLowerCase();
  }
}

/**
 * Words for the member must be in her language: refused with the field named (422), nothing
 * changes. The opinion's summary, its translations and the answers' summaries share the rule.
 */
export function requireMemberLanguage(
  language: string,
  memberLanguage: string,
  refusal: {
    code: 'review.summary_language_mismatch' | 'review.translation_language_mismatch';
    path: string;
  },
): void {
  if (sameLanguage(language, memberLanguage)) return;
  throw new AppError(refusal.code, {
    errors: [
      {
        path: refusal.path,
        code: 'language_mismatch',
        message: `must be the member's language (${memberLanguage})`,
      },
    ],
  });
}

const nameOf = async (db: Queryable, userId: string) => (await displayNameOf(db, userId)) ?? null;

async function presentSummary(db: Queryable, row: layers.SummaryRow): Promise<OpinionSummary> {
  return {
    reviewId: row.reviewId,
    language: row.language,
    body: row.body,
    version: row.version,
    writtenBy: await nameOf(db, row.writtenByUserId),
    writtenAt: row.writtenAt.toISOString(),
  };
}

async function presentTranslation(db: Queryable, row: layers.TranslationRow): Promise<OpinionTranslation> {
  const enteredBy = await nameOf(db, row.enteredByUserId);
  return {
    offerId: row.offerId,
    language: row.language,
    body: row.body,
    translatedBy: row.translatorName ?? enteredBy ?? '',
    enteredBy,
    translatedAt: row.translatedAt.toISOString(),
  };
}

/** The case's complete review, for its case manager to write a layer of (404 when there is none). */
async function reviewToWriteOn(tx: Tx, ctx: RequestContext, caseId: string, reviewId: string) {
  const { kase } = await caseForActor(tx, actorOf(ctx), caseId, {
    lock: true,
    sees: reviewsPolicy.manage,
    may: reviewsPolicy.report,
  });
  const review = await repo.findReview(tx, reviewId, true);
  if (!review || review.caseId !== caseId) throw notFound();
  if (review.status !== 'complete') throw new AppError('review.opinions_outstanding');
  return { kase, review };
}

/**
 * The case manager writes (or rewrites) the summary, while the opinion waits for delivery. An
 * empty draft or one in another language may be saved (the editor says so): delivery refuses it.
 */
export async function writeSummary(
  ctx: RequestContext,
  caseId: string,
  reviewId: string,
  input: z.output<typeof OpinionSummaryDraft>,
): Promise<OpinionSummary> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await reviewToWriteOn(tx, ctx, caseId, reviewId);
    if (kase.status !== 'opinion_ready') {
      throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: kase.status } });
    }
    const current = await layers.findSummary(tx, reviewId, true);
    if ((current?.version ?? 0) !== input.version) {
      throw new AppError('resource.version_conflict', {
        extensions: { current: current ? await presentSummary(tx, current) : null },
      });
    }
    const now = ctx.clock.now();
    await layers.saveSummary(tx, {
      reviewId,
      caseId,
      language: input.language,
      body: input.body,
      writtenByUserId: actor.userId,
      writtenAt: now,
    });
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'review_summary_written',
      actorUserId: actor.userId,
      actorRole: actor.role,
      staffOnly: true,
      data: { reviewId },
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'review.summary_written', details: { language: input.language } },
      auditFor(kase, 'review', reviewId, 'care'),
    );
    return presentSummary(tx, (await layers.findSummary(tx, reviewId))!);
  });
}

/**
 * The translation of one panel member's opinion into the member's language, entered by the case
 * manager (who translated it, or names the translator); entered again, it replaces the earlier
 * one. An opinion already in the member's language needs none (409); another language is refused.
 */
export async function enterTranslation(
  ctx: RequestContext,
  caseId: string,
  reviewId: string,
  offerId: string,
  input: z.output<typeof OpinionTranslationEntry>,
): Promise<OpinionTranslation> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await reviewToWriteOn(tx, ctx, caseId, reviewId);
    if (!cases.isOpen(kase.status)) {
      throw new AppError('case.transition_not_allowed', { extensions: { currentStatus: kase.status } });
    }
    const opinion = (await repo.opinionsOfOffer(tx, offerId)).at(-1);
    if (!opinion || opinion.reviewId !== reviewId) throw notFound();
    if (sameLanguage(opinion.language, kase.preferredLanguage))
      throw new AppError('review.translation_not_needed');
    requireMemberLanguage(input.language, kase.preferredLanguage, {
      code: 'review.translation_language_mismatch',
      path: 'body.language',
    });
    const now = ctx.clock.now();
    await layers.saveTranslation(tx, {
      offerId,
      language: kase.preferredLanguage,
      caseId,
      body: input.body,
      translatorName: input.translatedBy ?? null,
      enteredByUserId: actor.userId,
      translatedAt: now,
    });
    // A step the member sees on the timeline: that it was translated, and when; never its words.
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'review_translation_entered',
      actorUserId: actor.userId,
      actorRole: actor.role,
      data: { reviewId, offerId, language: kase.preferredLanguage },
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'review.translation_entered', details: { language: kase.preferredLanguage } },
      auditFor(kase, 'review_opinion', opinion.id, 'care'),
    );
    const [row] = await layers
      .translationsOfOffers(tx, [offerId])
      .then((rows) => rows.filter((r) => r.language === kase.preferredLanguage));
    return presentTranslation(tx, row!);
  });
}

/** The layers of the case's latest complete review, read in the caller's transaction. */
export async function layersOf(
  db: Queryable,
  kase: cases.CaseRow,
  delivered: boolean,
): Promise<OpinionLayers | null> {
  const review = await layers.latestCompleteReview(db, kase.id);
  if (!review) return null;
  const summary = await layers.findSummary(db, review.id);
  const opinions = await repo.latestOpinionsOfReview(db, review.id);
  const translations = await layers.translationsOfOffers(
    db,
    opinions.map(({ opinion }) => opinion.offerId),
  );
  return {
    reviewId: review.id,
    memberLanguage: kase.preferredLanguage,
    delivered,
    summary: summary ? await presentSummary(db, summary) : null,
    opinions: await Promise.all(
      opinions.map(async (item) => {
        const translation = translations.find(
          (row) => row.offerId === item.opinion.offerId && sameLanguage(row.language, kase.preferredLanguage),
        );
        return {
          original: presentOpinion(item, review.questions),
          translationNeeded: !sameLanguage(item.opinion.language, kase.preferredLanguage),
          translation: translation ? await presentTranslation(db, translation) : null,
        };
      }),
    ),
    reportDocumentId: review.reportDocumentId,
  };
}

/**
 * The opinion's layers: the member (or guardian) reads them once the recommendations are
 * delivered (before, and without a complete review, the answer is null: an empty panel is no
 * error); the case manager and operations read the draft. Audited.
 */
export async function readOpinionLayers(ctx: RequestContext, caseId: string): Promise<OpinionLayers | null> {
  const actor = actorOf(ctx);
  return readCasePart(ctx, caseId, {}, async (tx, { kase }) => {
    const recommendations = await cases.findRecommendations(tx, caseId);
    const delivered = Boolean(recommendations?.deliveredAt);
    const visible = actor.role !== 'member' || delivered;
    return {
      value: visible ? await layersOf(tx, kase, delivered) : null,
      audit: { action: 'review.layers_read', details: {} },
    };
  });
}

/**
 * Before recommendations that rest on a review reach the member (the cases room's
 * `recommendationsDelivering`): the summary is written, and in the member's language. Refused with
 * the field named; the delivery's transaction rolls back, so nothing changes.
 */
export async function checkSummaryBeforeDelivery(tx: Tx, kase: cases.CaseRow): Promise<void> {
  const review = await layers.latestCompleteReview(tx, kase.id);
  if (!review) return;
  const summary = await layers.findSummary(tx, review.id);
  if (!summary || summary.body.trim().length === 0) {
    throw new AppError('review.summary_missing', {
      errors: [
        { path: 'summary.body', code: 'summary_missing', message: 'write the summary for the member' },
      ],
    });
  }
  requireMemberLanguage(summary.language, kase.preferredLanguage, {
    code: 'review.summary_language_mismatch',
    path: 'summary.language',
  });
}

/** What the written report shows of the layers: the summary and each translation, dated for its reader. */
export async function reportLayersOf(
  db: Queryable,
  kase: cases.CaseRow,
  reviewId: string,
  language: string,
): Promise<ReportLayers> {
  const summary = await layers.findSummary(db, reviewId);
  const opinions = await repo.latestOpinionsOfReview(db, reviewId);
  const rows = await layers.translationsOfOffers(
    db,
    opinions.map(({ opinion }) => opinion.offerId),
  );
  const translations: ReportLayers['translations'] = {};
  for (const row of rows) {
    if (!sameLanguage(row.language, kase.preferredLanguage)) continue;
    const presented = await presentTranslation(db, row);
    translations[row.offerId] = {
      language: row.language,
      body: row.body,
      translatedBy: presented.translatedBy,
      translatedOn: new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: kase.timeZone }).format(
        row.translatedAt,
      ),
    };
  }
  return {
    summary: summary && summary.body.trim() ? { language: summary.language, body: summary.body } : null,
    translations,
  };
}
