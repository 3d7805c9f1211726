import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type {
  DoctorLetterLanguage,
  DoctorLetterSending,
  DoctorLetterSent,
} from '../../../shared/opinion-layers.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { notFound, notFoundFor } from '../../platform/errors.js';
import { renderLetterPdf, type LetterContent } from '../../platform/pdf/letter.js';
import { recordAudit } from '../audit/index.js';
import * as cases from '../cases/index.js';
import { caseForActor, readCasePart } from '../cases/index.js';
import { displayNameOf } from '../identity/index.js';
import { enqueueNotification } from '../notifications/index.js';
import { findMemberCoverage } from '../plans/index.js';
import { doctorLetterLabels, fillIn, languageName } from './doctor-letter-labels.js';
import * as layers from './layers-repo.js';
import { reportLanguageFor } from './report-labels.js';
import { auditFor } from './present.js';
import { reviewsPolicy } from './policy.js';
import * as repo from './repo.js';

/*
 * The letter for the member's treating doctor (docs/opinion-layers.md): clinical and concise, in
 * the doctor's language, built on download with the shared letter template. The member downloads
 * it, or sends it: the e-mail to the doctor carries a link to the letter, never the letter itself
 * (an attachment would put the member's health data in a mailbox and on every relay between).
 */

/** How long the link e-mailed to a doctor opens the letter. */
export const DOCTOR_LETTER_LINK_DAYS = 14;
const DAY = 86_400_000;

const newToken = () => randomBytes(32).toString('base64url');
const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest();

const longDate = (date: Date, language: string, timeZone = 'UTC') =>
  new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone }).format(date);

/** The letter's content from the case's delivered, reviewed opinion; 404 when there is none yet. */
async function letterContent(
  db: Queryable,
  ctx: RequestContext,
  kase: cases.CaseRow,
  language: DoctorLetterLanguage,
  doctorName: string | null,
): Promise<LetterContent> {
  const recommendations = await cases.findRecommendations(db, kase.id);
  const review = await layers.latestCompleteReview(db, kase.id);
  if (!recommendations?.deliveredAt || !review) throw notFound();
  const coverage = await findMemberCoverage(db, kase.memberId);
  if (!coverage) throw notFound();
  const opinions = (await repo.latestOpinionsOfReview(db, review.id)).sort(
    (a, b) => a.opinion.submittedAt.getTime() - b.opinion.submittedAt.getTime(),
  );
  const caseManager = kase.caseManagerUserId ? await displayNameOf(db, kase.caseManagerUserId) : null;
  const labels = doctorLetterLabels[language];
  const specialistName = (s: { title: string | null; name: string }) =>
    [s.title, s.name].filter(Boolean).join(' ');
  const byWhom = (item: (typeof opinions)[number]) =>
    fillIn(labels.writtenIn, {
      name: specialistName(item.specialist),
      language: languageName(item.opinion.language, language),
    });
  return {
    language,
    title: labels.title,
    sender: { name: labels.service, lines: caseManager ? [`${labels.caseManager}: ${caseManager}`] : [] },
    addressee: { name: doctorName ?? labels.treatingDoctor, lines: [] },
    date: longDate(ctx.clock.now(), language, kase.timeZone),
    reference: `${labels.reference}: ${kase.number}`,
    subject: labels.subject,
    salutation: labels.salutation,
    sections: [
      { paragraphs: [labels.intro] },
      {
        heading: labels.patient,
        paragraphs: [
          `${coverage.member.givenName} ${coverage.member.familyName}`,
          `${labels.dateOfBirth}: ${longDate(new Date(`${coverage.member.dateOfBirth}T00:00:00Z`), language)}`,
          ...(kase.diagnosisReceived ? [`${labels.diagnosisReceived}: ${kase.diagnosisReceived}`] : []),
        ],
      },
      {
        heading: labels.verdicts,
        items: opinions.map(({ opinion, specialist }) => {
          const code = opinion.proposedDiagnosisCode ? ` (ICD-10 ${opinion.proposedDiagnosisCode})` : '';
          return `${specialistName(specialist)}: ${labels.diagnosis} ${labels.diagnosisVerdicts[opinion.diagnosisVerdict]}${code} · ${labels.treatment} ${labels.treatmentVerdicts[opinion.treatmentVerdict]}`;
        }),
      },
      ...opinions.flatMap((item) => [
        {
          heading: `${labels.questions} — ${byWhom(item)}`,
          paragraphs: review.questions.flatMap((question, index) => [
            question,
            `→ ${item.opinion.answers[index] ?? ''}`,
          ]),
        },
        { heading: labels.furtherTests, items: item.opinion.furtherTests, emptyText: labels.noFurtherTests },
        { heading: labels.assessment, paragraphs: item.opinion.narrative.split(/\n{2,}/) },
        { heading: labels.references, items: item.opinion.references },
      ]),
    ],
    closing: labels.closing,
    signature: caseManager ? [caseManager, labels.service] : [labels.service],
    footer: fillIn(labels.footer, { reference: kase.number, page: '{page}', pages: '{pages}' }),
  };
}

/** The member (or guardian, or the case manager checking it) downloads the letter. Audited. */
export async function downloadDoctorLetter(
  ctx: RequestContext,
  caseId: string,
  language: DoctorLetterLanguage | undefined,
): Promise<{ pdf: Buffer; caseNumber: string; language: DoctorLetterLanguage }> {
  const { content, caseNumber } = await readCasePart(
    ctx,
    caseId,
    { sees: reviewsPolicy.doctorLetter },
    async (tx, { kase }) => {
      const chosen = language ?? reportLanguageFor(kase.preferredLanguage);
      return {
        value: { content: await letterContent(tx, ctx, kase, chosen, null), caseNumber: kase.number },
        audit: { action: 'review.doctor_letter_read', details: { language: chosen } },
      };
    },
  );
  return {
    pdf: await renderLetterPdf(content),
    caseNumber,
    language: content.language as DoctorLetterLanguage,
  };
}

/**
 * The member (or guardian) sends the letter to their treating doctor's e-mail: a link valid
 * DOCTOR_LETTER_LINK_DAYS days goes to that address, in the letter's language, saying only that a
 * patient shared a letter; the timeline and the audit trail record that it was sent (never to whom
 * in the trail). The address must be an e-mail address (400 naming the field otherwise).
 */
export async function sendDoctorLetter(
  ctx: RequestContext,
  caseId: string,
  input: z.output<typeof DoctorLetterSending>,
): Promise<DoctorLetterSent> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const { kase } = await caseForActor(tx, actor, caseId, {
      lock: true,
      sees: reviewsPolicy.doctorLetter,
      may: reviewsPolicy.sendDoctorLetter,
    });
    // The letter must exist (a delivered, reviewed opinion) before anything is sent.
    await letterContent(tx, ctx, kase, input.language, input.doctorName ?? null);
    const review = (await layers.latestCompleteReview(tx, kase.id))!;
    const now = ctx.clock.now();
    const id = uuidv7();
    const token = newToken();
    const expiresAt = new Date(now.getTime() + DOCTOR_LETTER_LINK_DAYS * DAY);
    await layers.insertDoctorLetterLink(tx, {
      id,
      caseId,
      reviewId: review.id,
      language: input.language,
      doctorName: input.doctorName ?? null,
      email: input.email,
      tokenHash: tokenHash(token),
      sentByUserId: actor.userId,
      sentAt: now,
      expiresAt,
    });
    await enqueueNotification(tx, ctx, {
      template: 'review.doctor_letter',
      recipientAddress: input.email,
      locale: input.language,
      params: { doctorLetterId: id, linkToken: token, expiresAt: expiresAt.toISOString() },
    });
    await cases.appendEvent(tx, {
      id: uuidv7(),
      caseId,
      type: 'doctor_letter_sent',
      actorUserId: actor.userId,
      actorRole: actor.role,
      data: { doctorLetterId: id, language: input.language },
      occurredAt: now,
    });
    await recordAudit(
      tx,
      ctx,
      { action: 'review.doctor_letter_sent', details: { language: input.language } },
      {
        entityType: 'doctor_letter_link',
        entityId: id,
        subjectMemberId: kase.memberId,
        purpose: 'self_service',
      },
    );
    return { id, language: input.language, expiresAt: expiresAt.toISOString(), sentAt: now.toISOString() };
  });
}

/**
 * The doctor opens the letter with the e-mailed link: the token (sent in the body by the page,
 * never in an address) must match, within its days, on a case still open or ended but not erased.
 * Anything else is 404, the refusal audited. Each opening is audited and counted.
 */
export async function openDoctorLetter(
  ctx: RequestContext,
  letterId: string,
  token: string,
): Promise<{ pdf: Buffer; caseNumber: string }> {
  const { content, caseNumber } = await ctx.db.transaction(async (tx) => {
    const link = await layers.findDoctorLetterLink(tx, letterId, true);
    const refused = () =>
      notFoundFor({ entityType: 'doctor_letter_link', entityId: letterId, reason: 'no_such_record' });
    if (!link) throw refused();
    const given = tokenHash(token);
    if (given.length !== link.tokenHash.length || !timingSafeEqual(given, link.tokenHash)) throw refused();
    const now = ctx.clock.now();
    if (link.expiresAt <= now) throw refused();
    const kase = await cases.findCase(tx, link.caseId);
    if (!kase) throw refused();
    await layers.markDoctorLetterOpened(tx, link.id, now);
    await recordAudit(
      tx,
      ctx,
      { action: 'review.doctor_letter_opened', details: { language: link.language } },
      auditFor(kase, 'doctor_letter_link', link.id, 'care'),
    );
    return {
      content: await letterContent(tx, ctx, kase, link.language as DoctorLetterLanguage, link.doctorName),
      caseNumber: kase.number,
    };
  });
  return { pdf: await renderLetterPdf(content), caseNumber };
}
