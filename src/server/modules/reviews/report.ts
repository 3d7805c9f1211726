import { Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../config.js';
import { formatDateTime, formatPersonName } from '../../../shared/display.js';
import type { CaseDocument } from '../../../shared/documents.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import * as cases from '../cases/index.js';
import { caseForActor } from '../cases/index.js';
import { discardContent, fileGeneratedDocument, ingestContent } from '../documents/index.js';
import { findMemberCoverage } from '../plans/index.js';
import { reportAddenda } from './report-addendum.js';
import { reportLabels, reportLanguageFor } from './report-labels.js';
import type { ReportContent } from './report-pdf.js';
import { reportLayersOf } from './summary.js';
import { reviewsPolicy } from './policy.js';
import * as repo from './repo.js';
import { presentReview } from './present.js';

type ReportSettings = Pick<Config, 'dataDir' | 'objectStore' | 'documentMasterKey' | 'documentMaxBytes'>;

/** Reads what the report says and checks it may be written now. */
async function reportContent(ctx: RequestContext, caseId: string, reviewId: string) {
  const actor = actorOf(ctx);
  // PDFKit and the fonts load when the first report is written, not at every start.
  const { markdownBlocks } = await import('./report-markdown.js');
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId, { may: reviewsPolicy.report });
    const review = await repo.findReview(tx, reviewId);
    if (!review || review.caseId !== caseId) throw notFound();
    if (review.status !== 'complete') throw new AppError('review.opinions_outstanding');
    const recommendations = await cases.findRecommendations(tx, caseId);
    if (!recommendations) throw new AppError('case.recommendations_missing');
    const presented = await presentReview(tx, review);
    const patient = await findMemberCoverage(tx, kase.memberId);
    if (!patient) throw notFound();
    const language = reportLanguageFor(recommendations.language ?? kase.preferredLanguage);
    const lastOpinion = presented.opinions
      .map((opinion) => opinion.submittedAt)
      .sort()
      .at(-1);
    const content: ReportContent = {
      language,
      patient: {
        // As the product names a member everywhere: in the order their name is written.
        name: formatPersonName(patient.member, patient.member.preferredLanguage),
        // A calendar date, not an instant: formatted in UTC so no time zone moves it a day.
        dateOfBirth: formatDateTime(new Date(`${patient.member.dateOfBirth}T00:00:00Z`), language, {
          dateStyle: 'long',
          timeZone: 'UTC',
        }),
      },
      caseNumber: kase.number,
      // The report's dates as its reader writes them ("1er juin 2026"), on the member's clock.
      opinionDate: formatDateTime(lastOpinion ? new Date(lastOpinion) : ctx.clock.now(), language, {
        dateStyle: 'long',
        timeZone: kase.timeZone,
      }),
      issuedOn: formatDateTime(ctx.clock.now(), language, { dateStyle: 'long', timeZone: kase.timeZone }),
      recommendations: {
        blocks: markdownBlocks(recommendations.body),
        nextSteps: recommendations.nextSteps,
      },
      opinions: presented.opinions,
      addenda: await reportAddenda(tx, caseId, (at) =>
        formatDateTime(at, language, { dateStyle: 'long', timeZone: kase.timeZone }),
      ),
      layers: await reportLayersOf(tx, kase, reviewId, language),
    };
    return { content, opinions: presented.opinions.length };
  });
}

/**
 * The case manager puts the written report together: their recommendations in the member's
 * language and each specialist's opinion as written, as a PDF filed among the case's records
 * (encrypted, with its SHA-256, through the documents room's store), where the member and the case
 * manager download it. The blob is written first, then the record in one transaction.
 */
export async function createReport(
  ctx: RequestContext,
  config: ReportSettings,
  caseId: string,
  reviewId: string,
): Promise<CaseDocument> {
  const actor = actorOf(ctx);
  const { content, opinions } = await reportContent(ctx, caseId, reviewId);
  const { renderReportPdf } = await import('./report-pdf.js');
  const pdf = await renderReportPdf(content);
  const stored = await ingestContent(config, { source: Readable.from([pdf]), kind: 'report' });
  try {
    return await ctx.db.transaction(async (tx) => {
      const { kase } = await caseForActor(tx, actor, caseId, {
        lock: true,
        may: reviewsPolicy.report,
      });
      const review = await repo.findReview(tx, reviewId, true);
      if (!review || review.caseId !== caseId) throw notFound();
      const now = ctx.clock.now();
      const id = uuidv7();
      const document = await fileGeneratedDocument(tx, {
        id,
        caseId,
        kind: 'report',
        title: reportLabels[content.language].title,
        content: stored,
        byUserId: actor.userId,
        now,
      });
      await repo.updateReview(tx, reviewId, { reportDocumentId: id, updatedAt: now });
      await cases.appendEvent(tx, {
        id: uuidv7(),
        caseId,
        type: 'review_report_created',
        actorUserId: actor.userId,
        actorRole: actor.role,
        data: { reviewId, documentId: id },
        occurredAt: now,
      });
      await recordAudit(
        tx,
        ctx,
        { action: 'review.report_created', details: { language: content.language, opinions } },
        { entityType: 'case_document', entityId: id, subjectMemberId: kase.memberId, purpose: 'care' },
      );
      return document;
    });
  } catch (error) {
    await discardContent(config, stored.storageKey);
    throw error;
  }
}
