import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../platform/db/index.js';
import { appendEvent } from '../modules/cases/index.js';
import { opinionCase } from '../modules/cases/schema.js';
import { caseProvider, providerRecordRequest, recordRelease } from '../modules/records/schema.js';
import {
  followupAddendum,
  followupAddendumSummary,
  followupQuestion,
  followupRecipient,
} from '../modules/reviews/followups-schema.js';
import { review, reviewOffer } from '../modules/reviews/schema.js';
import { member } from '../modules/plans/schema.js';
import { specialist } from '../modules/specialists/schema.js';
import { demoLanguages, type DemoLanguage } from './case-stories.js';

/*
 * The demo's records from the treating doctors and its follow-up question: providers on open demo
 * cases with one request to a provider in each state of the checklist (requested, authorised,
 * sent, opened, received, not held, overdue), and one delivered case whose member's question the
 * specialist answered. Written with the demo's cases, in their transaction, as the rooms would have
 * left them; nothing is audited, as nobody read or changed anything. The links' tokens are thrown
 * away (only their hashes are kept, as always): no demo link opens.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

const requestStates = [
  'requested',
  'authorised',
  'sent',
  'opened',
  'received',
  'not_held',
  'overdue',
] as const;
type RequestState = (typeof requestStates)[number];

/** A clinic for each case, in the member's country as the demo writes it. */
const clinics = [
  { name: 'Dra. Lucía Romero', institution: 'Clínica Serrano', country: 'ES', language: 'es' },
  { name: 'Dr Julien Martin', institution: 'Centre Hospitalier de Lyon', country: 'FR', language: 'fr' },
  { name: 'Dr. Anna Weber', institution: 'Praxis am Stadtpark', country: 'DE', language: 'de' },
  { name: 'Dr Sarah Collins', institution: 'St Mary’s Clinic', country: 'GB', language: 'en' },
  { name: 'Dott.ssa Giulia Bianchi', institution: 'Policlinico San Marco', country: 'IT', language: 'it' },
  { name: 'Dr. Pedro Alves', institution: 'Hospital da Luz', country: 'PT', language: 'pt' },
  { name: 'Dr. Omar Haddad', institution: 'Dubai Medical Centre', country: 'AE', language: 'ar' },
] as const;

const followupWords: Record<DemoLanguage, { question: string; answer: string; summary: string }> = {
  en: {
    question: 'Can I start the treatment closer to home, or must it be at the same hospital?',
    answer: 'Yes: the same treatment can be given at a hospital near you, with the same follow-up tests.',
    summary: 'You can have the treatment near home. The check-ups stay the same.',
  },
  fr: {
    question: 'Puis-je commencer le traitement plus près de chez moi, ou faut-il le même hôpital ?',
    answer:
      'Oui : le même traitement peut être donné dans un hôpital proche de chez vous, avec les mêmes examens de suivi.',
    summary: 'Vous pouvez être traité près de chez vous. Les contrôles restent les mêmes.',
  },
  es: {
    question: '¿Puedo empezar el tratamiento más cerca de casa o tiene que ser en el mismo hospital?',
    answer:
      'Sí: el mismo tratamiento puede darse en un hospital cercano, con las mismas pruebas de seguimiento.',
    summary: 'Puede recibir el tratamiento cerca de casa. Los controles siguen igual.',
  },
  de: {
    question:
      'Kann ich die Behandlung näher an meinem Wohnort beginnen, oder muss es dasselbe Krankenhaus sein?',
    answer:
      'Ja: Dieselbe Behandlung kann in einem Krankenhaus in Ihrer Nähe erfolgen, mit denselben Kontrolluntersuchungen.',
    summary: 'Sie können die Behandlung in Ihrer Nähe bekommen. Die Kontrollen bleiben gleich.',
  },
  it: {
    question: 'Posso iniziare la cura più vicino a casa, o deve essere lo stesso ospedale?',
    answer: 'Sì: la stessa cura può essere fatta in un ospedale vicino, con gli stessi esami di controllo.',
    summary: 'Può fare la cura vicino a casa. I controlli restano gli stessi.',
  },
  pt: {
    question: 'Posso começar o tratamento mais perto de casa, ou tem de ser no mesmo hospital?',
    answer:
      'Sim: o mesmo tratamento pode ser feito num hospital perto de si, com os mesmos exames de seguimento.',
    summary: 'Pode fazer o tratamento perto de casa. Os controlos continuam iguais.',
  },
  'zh-CN': {
    question: '我可以在离家更近的地方开始治疗吗？还是必须在同一家医院？',
    answer: '可以：同样的治疗可以在您附近的医院进行，复查项目也相同。',
    summary: '您可以在家附近治疗。复查不变。',
  },
  ar: {
    question: 'هل يمكنني بدء العلاج في مكان أقرب إلى منزلي، أم يجب أن يكون في المستشفى نفسه؟',
    answer: 'نعم: يمكن تلقي العلاج نفسه في مستشفى قريب منك، مع فحوص المتابعة نفسها.',
    summary: 'يمكنك تلقي العلاج قرب منزلك. تبقى الفحوص كما هي.',
  },
};

const languageOf = (tag: string): DemoLanguage =>
  (demoLanguages as readonly string[]).includes(tag) ? (tag as DemoLanguage) : 'en';

/** The times of a request that has reached a state of the checklist. */
function requestTimes(state: RequestState, requestedAt: Date, now: Date) {
  const step = (hours: number) => new Date(requestedAt.getTime() + hours * HOUR);
  if (state === 'requested') return {};
  const authorisedAt = step(6);
  if (state === 'authorised') return { authorisedAt };
  const sentAt = authorisedAt;
  const expiresAt =
    state === 'overdue' ? new Date(now.getTime() - DAY) : new Date(sentAt.getTime() + 14 * DAY);
  const tokenHash = createHash('sha256').update(randomBytes(32)).digest();
  const sent = { authorisedAt, sentAt, expiresAt, tokenHash };
  if (state === 'sent') return sent;
  if (state === 'overdue') return { ...sent, overdueAt: expiresAt };
  const opened = { ...sent, openedAt: step(30) };
  if (state === 'opened') return opened;
  return { ...opened, outcome: state, finishedAt: step(72) };
}

/** Providers and one request in each state, one per open demo case still gathering or reviewing. */
async function seedProviderRequests(tx: Tx, now: Date): Promise<void> {
  const open = await tx
    .select({
      id: opinionCase.id,
      memberId: opinionCase.memberId,
      memberUserId: opinionCase.requestedByUserId,
      caseManagerUserId: opinionCase.caseManagerUserId,
      givenName: member.givenName,
      familyName: member.familyName,
    })
    .from(opinionCase)
    .innerJoin(member, eq(member.id, opinionCase.memberId))
    .where(
      and(
        inArray(opinionCase.status, ['contacted', 'gathering_information', 'under_review', 'opinion_ready']),
        isNotNull(opinionCase.caseManagerUserId),
      ),
    )
    .orderBy(asc(opinionCase.number))
    .limit(requestStates.length);
  for (const [index, kase] of open.entries()) {
    const state = requestStates[index]!;
    const clinic = clinics[index % clinics.length]!;
    const requestedAt = new Date(now.getTime() - (state === 'overdue' ? 16 : 2 + index) * DAY);
    const providerId = uuidv7();
    await tx.insert(caseProvider).values({
      id: providerId,
      caseId: kase.id,
      ...clinic,
      email: `records.${index + 1}@clinic.demo.consilium.test`,
      origin: 'case_manager',
      createdByUserId: kase.caseManagerUserId!,
      createdAt: new Date(requestedAt.getTime() - HOUR),
    });
    const kinds = index % 2 === 0 ? ['report', 'test_result'] : ['imaging'];
    let releaseId: string | null = null;
    if (state !== 'requested') {
      releaseId = uuidv7();
      await tx.insert(recordRelease).values({
        id: releaseId,
        caseId: kase.id,
        providerId,
        memberId: kase.memberId,
        kinds,
        validUntil: new Date(now.getTime() + 180 * DAY).toISOString().slice(0, 10),
        language: clinic.language,
        signedName: `${kase.givenName} ${kase.familyName}`,
        signedAt: new Date(requestedAt.getTime() + 6 * HOUR),
        signedByUserId: kase.memberUserId,
        clientAddress: '203.0.113.10',
      });
    }
    const requestId = uuidv7();
    await tx.insert(providerRecordRequest).values({
      id: requestId,
      caseId: kase.id,
      providerId,
      kinds,
      releaseId,
      requestedByUserId: kase.caseManagerUserId!,
      requestedAt,
      ...requestTimes(state, requestedAt, now),
    });
    await appendEvent(tx, {
      id: uuidv7(),
      caseId: kase.id,
      type: 'provider_records_requested',
      actorUserId: kase.caseManagerUserId,
      actorRole: 'case_manager',
      data: { providerRequestId: requestId, kinds, authorised: state !== 'requested' },
      occurredAt: requestedAt,
    });
  }
}

/** One delivered case whose member's question went to the specialist, who answered it. */
async function seedAnsweredQuestion(tx: Tx, now: Date, deskSpecialistId: string | null): Promise<void> {
  const candidates = await tx
    .select({ offer: reviewOffer, kase: opinionCase, specialistUserId: specialist.userId })
    .from(reviewOffer)
    .innerJoin(review, eq(review.id, reviewOffer.reviewId))
    .innerJoin(specialist, eq(specialist.id, reviewOffer.specialistId))
    .innerJoin(opinionCase, eq(opinionCase.id, reviewOffer.caseId))
    .where(
      and(
        eq(review.status, 'complete'),
        eq(reviewOffer.status, 'submitted'),
        inArray(opinionCase.status, ['recommendations_delivered', 'monitoring']),
        isNotNull(opinionCase.caseManagerUserId),
        isNotNull(specialist.userId),
      ),
    )
    .orderBy(asc(opinionCase.number))
    .limit(50);
  const chosen = candidates.find((row) => row.offer.specialistId === deskSpecialistId) ?? candidates.at(0);
  if (!chosen) return;
  const { offer, kase, specialistUserId } = chosen;
  const language = languageOf(kase.preferredLanguage);
  const words = followupWords[language];
  const askedAt = new Date(now.getTime() - 2 * DAY);
  const answeredAt = new Date(now.getTime() - DAY);
  const questionId = uuidv7();
  const recipientId = uuidv7();
  await tx.insert(followupQuestion).values({
    id: questionId,
    caseId: kase.id,
    reviewId: offer.reviewId,
    question: words.question,
    askedByUserId: kase.caseManagerUserId!,
    askedAt,
  });
  await tx.insert(followupRecipient).values({
    id: recipientId,
    questionId,
    caseId: kase.id,
    offerId: offer.id,
    specialistId: offer.specialistId,
    status: 'answered',
    dueAt: new Date(askedAt.getTime() + 72 * HOUR),
    answeredAt,
  });
  const addendumId = uuidv7();
  await tx.insert(followupAddendum).values({
    id: addendumId,
    recipientId,
    caseId: kase.id,
    specialistId: offer.specialistId,
    version: 1,
    body: words.answer,
    language,
    contentHash: createHash('sha256')
      .update(JSON.stringify([words.answer, language]))
      .digest('hex'),
    submittedByUserId: specialistUserId!,
    submittedAt: answeredAt,
  });
  // The case manager's summary, which lets the member read the answer.
  await tx.insert(followupAddendumSummary).values({
    addendumId,
    recipientId,
    caseId: kase.id,
    language,
    body: words.summary,
    writtenByUserId: kase.caseManagerUserId!,
    writtenAt: new Date(answeredAt.getTime() + 2 * HOUR),
  });
  await appendEvent(tx, {
    id: uuidv7(),
    caseId: kase.id,
    type: 'followup_question_forwarded',
    actorUserId: kase.caseManagerUserId,
    actorRole: 'case_manager',
    data: { questionId, specialists: 1 },
    occurredAt: askedAt,
  });
  await appendEvent(tx, {
    id: uuidv7(),
    caseId: kase.id,
    type: 'followup_answered',
    actorUserId: specialistUserId,
    actorRole: 'specialist',
    data: { questionId, version: 1 },
    occurredAt: answeredAt,
  });
}

export async function seedDemoRecordsAndFollowups(
  tx: Tx,
  now: Date,
  deskSpecialistId: string | null,
): Promise<void> {
  await seedProviderRequests(tx, now);
  await seedAnsweredQuestion(tx, now, deskSpecialistId);
}
