import { formatMoney } from '../../../shared/coverage.js';
import type { LetterLanguage } from '../../../shared/referrals.js';
import { specialtyName } from '../../../shared/specialty-taxonomy.js';
import { actorOf, type RequestContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { renderLetterPdf, type LetterContent, type LetterSection } from '../../platform/pdf/letter.js';
import { auditPurposeFor, recordAudit } from '../audit/index.js';
import { findCase, readCasePart } from '../cases/index.js';
import { displayNameOf } from '../identity/index.js';
import { findMemberCoverage } from '../plans/index.js';
import { opinionVerdictsOfCase } from '../reviews/index.js';
import { fill, letterLabels, type LetterLabels } from './letter-labels.js';
import { referralsPolicy } from './policy.js';
import * as repo from './repo.js';
import { referralAnswer, referralEntity } from './service.js';

/*
 * The referral letter and the guarantee of payment, generated on download from the referral as
 * it stands (docs/referrals.md says why they are not filed among the case's documents). Both are
 * the shared letter template (platform/pdf/letter.ts) in the language asked for.
 */

const longDate = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso.slice(0, 10)}T00:00:00Z`),
  );

interface LetterFacts {
  language: LetterLanguage;
  labels: LetterLabels;
  referral: NonNullable<Awaited<ReturnType<typeof referralAnswer>>>;
  reference: string;
  caseManager: string | null;
  patient: { name: string; dateOfBirth: string; membershipNumber: string };
  today: string;
}

async function factsOf(
  db: Queryable,
  ctx: RequestContext,
  kase: { id: string; memberId: string; caseManagerUserId: string | null },
  referralId: string,
  language: LetterLanguage | undefined,
  /** A guarantee is only for an approved pre-authorisation to a direct-billing facility. */
  options: { guarantee?: boolean } = {},
): Promise<LetterFacts> {
  const referral = await referralAnswer(db, kase.id, referralId);
  const row = await repo.findReferralById(db, referralId);
  const coverage = await findMemberCoverage(db, kase.memberId);
  if (!referral || !row || !coverage) throw notFound();
  if (options.guarantee && (!referral.preauthorisation?.approval || !referral.facility?.directBilling))
    throw new AppError('preauthorisation.no_guarantee');
  const chosen = language ?? referral.letterLanguage;
  return {
    language: chosen,
    labels: letterLabels[chosen],
    referral,
    reference: row.reference,
    caseManager: kase.caseManagerUserId ? ((await displayNameOf(db, kase.caseManagerUserId)) ?? null) : null,
    patient: {
      name: `${coverage.member.givenName} ${coverage.member.familyName}`,
      dateOfBirth: longDate(coverage.member.dateOfBirth, chosen),
      membershipNumber: coverage.membership.membershipNumber,
    },
    today: longDate(ctx.clock.now().toISOString(), chosen),
  };
}

function envelope(facts: LetterFacts, title: string, subject: string): Omit<LetterContent, 'sections'> {
  const { labels, referral } = facts;
  const facility = referral.facility;
  return {
    language: facts.language,
    title,
    sender: {
      name: labels.service,
      lines: facts.caseManager ? [`${labels.caseManager}: ${facts.caseManager}`] : [],
    },
    addressee: facility
      ? {
          name: facility.name,
          lines: [
            ...(referral.receivingDoctor ? [`${labels.receivingDoctor}: ${referral.receivingDoctor}`] : []),
            facility.address,
            `${facility.city}, ${facility.country}`,
          ],
        }
      : { name: referral.receivingDoctor ?? '', lines: [] },
    date: facts.today,
    reference: `${labels.reference}: ${facts.reference}`,
    subject,
    salutation: labels.salutation,
    closing: labels.closing,
    signature: facts.caseManager ? [facts.caseManager, labels.service] : [labels.service],
    footer: fill(labels.footer, { reference: facts.reference }),
  };
}

const patientSection = (facts: LetterFacts): LetterSection => ({
  heading: facts.labels.patient,
  paragraphs: [
    facts.patient.name,
    `${facts.labels.dateOfBirth}: ${facts.patient.dateOfBirth}`,
    `${facts.labels.membershipNumber}: ${facts.patient.membershipNumber}`,
  ],
});

/** The referral letter to the receiving facility or doctor. */
export async function referralLetter(
  ctx: RequestContext,
  caseId: string,
  referralId: string,
  language: LetterLanguage | undefined,
): Promise<{ pdf: Buffer; reference: string }> {
  const { facts, verdicts } = await readCasePart(
    ctx,
    caseId,
    { sees: referralsPolicy.read },
    async (tx, { kase }) => ({
      value: {
        facts: await factsOf(tx, ctx, kase, referralId, language),
        verdicts: await opinionVerdictsOfCase(tx, caseId),
      },
      audit: { action: 'referral_letter.read', details: {} },
      entity: referralEntity(referralId),
    }),
  );
  const { labels, referral, language: lang } = facts;
  const service = specialtyName(referral.service, lang) ?? referral.service;
  const money = (amount: number) => formatMoney({ amount, currency: referral.cover.currency }, lang);
  const preauthorisation = referral.preauthorisation;
  const pdf = await renderLetterPdf({
    ...envelope(facts, labels.referralTitle, fill(labels.referralSubject, { service })),
    sections: [
      patientSection(facts),
      {
        heading: labels.asked,
        paragraphs: [
          labels.askedText,
          `${labels.serviceLabel}: ${service}`,
          `${labels.urgency}: ${labels.urgencies[referral.urgency]}`,
          `${labels.treatmentDate}: ${longDate(referral.treatmentDate, lang)}`,
        ],
      },
      { heading: labels.reason, paragraphs: referral.reason.split(/\n{2,}/) },
      {
        heading: labels.opinion,
        items: verdicts.map(
          (verdict) =>
            `${labels.diagnosis}: ${labels.verdicts[verdict.diagnosisVerdict]}${verdict.proposedDiagnosisCode ? ` (ICD-10 ${verdict.proposedDiagnosisCode})` : ''} · ${labels.treatment}: ${labels.verdicts[verdict.treatmentVerdict]}`,
        ),
        emptyText: labels.noOpinion,
      },
      {
        heading: labels.records,
        items: referral.sharedDocuments.map((document) => document.title),
        emptyText: labels.noRecords,
      },
      {
        heading: labels.cover,
        paragraphs: [
          `${labels.planPays}: ${money(referral.cover.planPays)}`,
          `${labels.memberPays}: ${money(referral.cover.memberPays)}`,
          ...(preauthorisation?.approval
            ? [fill(labels.preauthorisationApproved, { reference: preauthorisation.approval.reference })]
            : preauthorisation &&
                preauthorisation.status !== 'declined' &&
                preauthorisation.status !== 'cancelled'
              ? [labels.preauthorisationPending]
              : []),
        ],
      },
    ],
  });
  return { pdf, reference: facts.reference };
}

/** The guarantee of payment to a direct-billing facility, once the pre-authorisation is approved. */
export async function guaranteeLetter(
  ctx: RequestContext,
  caseId: string,
  referralId: string,
  language: LetterLanguage | undefined,
): Promise<{ pdf: Buffer; reference: string }> {
  const facts = await readCasePart(ctx, caseId, { sees: referralsPolicy.read }, async (tx, { kase }) => ({
    value: await factsOf(tx, ctx, kase, referralId, language, { guarantee: true }),
    audit: { action: 'guarantee_letter.read', details: {} },
    entity: referralEntity(referralId),
  }));
  return renderGuarantee(facts);
}

/**
 * The cover assessor downloads the guarantee of the request they (or a colleague) approved, from
 * the desk: they do not see the case, so the request is their way to it. An audited read of the
 * member's data, like every request on their desk.
 */
export async function guaranteeLetterForAssessor(
  ctx: RequestContext,
  preauthorisationId: string,
  language: LetterLanguage | undefined,
): Promise<{ pdf: Buffer; reference: string }> {
  const actor = actorOf(ctx);
  if (!referralsPolicy.readQueue(actor)) throw notFound();
  const facts = await ctx.db.transaction(async (tx) => {
    const request = await repo.findPreauthorisation(tx, preauthorisationId);
    const kase = request && (await findCase(tx, request.caseId));
    if (!request || !kase) throw notFound();
    const found = await factsOf(tx, ctx, kase, request.referralId, language, { guarantee: true });
    await recordAudit(
      tx,
      ctx,
      { action: 'guarantee_letter.read', details: {} },
      {
        entityType: 'preauthorisation',
        entityId: preauthorisationId,
        subjectMemberId: kase.memberId,
        purpose: auditPurposeFor(actor),
      },
    );
    return found;
  });
  return renderGuarantee(facts);
}

async function renderGuarantee(facts: LetterFacts): Promise<{ pdf: Buffer; reference: string }> {
  const { labels, referral, language: lang } = facts;
  const approval = referral.preauthorisation!.approval!;
  const service = specialtyName(referral.service, lang) ?? referral.service;
  const pdf = await renderLetterPdf({
    ...envelope(facts, labels.guaranteeTitle, fill(labels.guaranteeSubject, { service })),
    sections: [
      patientSection(facts),
      {
        paragraphs: [
          labels.guaranteeText,
          `${labels.serviceLabel}: ${service}`,
          `${labels.approvedAmount}: ${formatMoney({ amount: approval.amount, currency: referral.cover.currency }, lang)}`,
          fill(labels.validity, {
            from: longDate(approval.validFrom, lang),
            to: longDate(approval.validTo, lang),
          }),
          `${labels.approvalReference}: ${approval.reference}`,
          labels.guaranteeLimits,
        ],
      },
    ],
  });
  return { pdf, reference: facts.reference };
}
