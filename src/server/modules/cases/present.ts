import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { CaseDetail, CaseSummary, FollowUp, Recommendations } from '../../../shared/cases.js';
import type { Queryable } from '../../platform/db/index.js';
import { notFound } from '../../platform/errors.js';
import { presentPhone } from '../../platform/phone.js';
import { renderMarkdown } from './markdown.js';
import * as repo from './repo.js';

/** The cases room's presenters: rows to answers, nothing the role may not see. */

type SummaryRow = NonNullable<Awaited<ReturnType<typeof repo.findSummary>>>;

export function presentSummary(row: SummaryRow): CaseSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    version: row.version,
    member: { id: row.memberId, givenName: row.memberGivenName, familyName: row.memberFamilyName },
    preferredLanguage: row.preferredLanguage,
    interpreterNeeded: row.interpreterNeeded,
    caseManager: row.caseManager,
    submittedAt: row.submittedAt.toISOString(),
    firstContactDueAt: row.firstContactDueAt.toISOString(),
    firstContactedAt: row.firstContactedAt?.toISOString() ?? null,
  };
}

export async function presentDetail(db: Queryable, kase: repo.CaseRow): Promise<CaseDetail> {
  const summary = await repo.findSummary(db, kase.id);
  if (!summary) throw notFound();
  return {
    ...presentSummary(summary),
    firstContactDueAtLocal:
      DateTime.fromJSDate(kase.firstContactDueAt, { zone: kase.timeZone }).toISO() ??
      kase.firstContactDueAt.toISOString(),
    concern: kase.concern,
    diagnosisReceived: kase.diagnosisReceived,
    treatmentPlanReceived: kase.treatmentPlanReceived,
    firstOpinion: {
      doctorName: kase.firstOpinionDoctor,
      institution: kase.firstOpinionInstitution,
      country: kase.firstOpinionCountry,
    },
    questions: kase.questions,
    contactChannel: kase.contactChannel,
    contactPhone: presentPhone(kase.contactPhone),
    timeZone: kase.timeZone,
    preferredContactWindows: kase.preferredContactWindows,
    location: { country: kase.locationCountry, city: kase.locationCity },
    closedAt: kase.closedAt?.toISOString() ?? null,
    withdrawnAt: kase.withdrawnAt?.toISOString() ?? null,
  };
}

export function presentRecommendations(
  row: NonNullable<Awaited<ReturnType<typeof repo.findRecommendations>>>,
) {
  return {
    language: row.language,
    markdown: row.body,
    html: renderMarkdown(row.body),
    nextSteps: row.nextSteps,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    withoutReviewReason: row.withoutReviewReason,
  } satisfies z.infer<typeof Recommendations>;
}

export function presentFollowUp(
  row: Awaited<ReturnType<typeof repo.listFollowUps>>[number],
): z.infer<typeof FollowUp> {
  return {
    id: row.id,
    dueAt: row.dueAt.toISOString(),
    status: row.status,
    progress: row.progress,
    reportedAt: row.reportedAt?.toISOString() ?? null,
  };
}
