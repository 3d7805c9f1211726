import { expect } from 'vitest';
import type { Browser } from './client.js';
import type { SpecialistAtDesk } from './reviews.js';
import type { TestServer } from './server.js';

/**
 * A case taken through the specialist review over HTTP, as its people do it: the member asks and
 * consents to share, the case manager reaches them and asks a panel, each specialist accepts and
 * gives an opinion; then, when asked, the recommendations are delivered.
 */
export interface CaseActors {
  server: TestServer;
  member: Browser;
  manager: Browser;
}

export async function caseNow(actors: CaseActors, caseId: string) {
  return (await actors.manager.get(`/api/v1/cases/${caseId}`)).body as { version: number; status: string };
}

/** The member asks for an opinion (Spanish, from Bilbao); the case manager reaches them. */
export async function givenContactedCase(actors: CaseActors): Promise<string> {
  const submitted = await actors.member.post('/api/v1/cases', {
    concern: 'I was told my tumour cannot be operated on.',
    diagnosisReceived: 'Pancreatic adenocarcinoma',
    questions: ['Is surgery really impossible?'],
    preferredLanguage: 'es',
    contactChannel: 'phone',
    contactPhone: '+34 612 34 56 78',
    timeZone: 'Europe/Madrid',
    location: { country: 'ES', city: 'Bilbao' },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  const contacted = await actors.manager.post(`/api/v1/cases/${submitted.body.id}/contacts`, {
    version: submitted.body.version,
    channel: 'phone',
    contactedAt: actors.server.clock.now().toISOString(),
    outcome: 'reached',
  });
  expect(contacted.body.status).toBe('contacted');
  return submitted.body.id as string;
}

/** The member consents to share; the case manager asks this panel; each specialist accepts. */
export async function givenReviewAskedOf(
  actors: CaseActors,
  caseId: string,
  panel: SpecialistAtDesk[],
): Promise<string[]> {
  const consent = await actors.member.post(`/api/v1/cases/${caseId}/sharing-consents`, { scope: 'all' });
  expect(consent.status).toBe(201);
  const asked = await actors.manager.post(`/api/v1/cases/${caseId}/reviews`, {
    version: (await caseNow(actors, caseId)).version,
    summary: 'Borderline resectable pancreatic tumour; second look at resectability.',
    specialistIds: panel.map((specialist) => specialist.id),
  });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const offers: string[] = [];
  for (const specialist of panel) {
    const desk = (await specialist.browser.get('/api/v1/desk/offers')).body.items as {
      offerId: string;
      status: string;
    }[];
    const offer = desk.find((item) => item.status === 'offered')!;
    const accepted = await specialist.browser.post(`/api/v1/desk/offers/${offer.offerId}/acceptance`, {
      version: 1,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    offers.push(offer.offerId);
  }
  return offers;
}

/** The specialist gives their opinion on an accepted offer, with these verdicts. */
export async function givenOpinion(
  specialist: SpecialistAtDesk,
  offerId: string,
  diagnosis: 'confirmed' | 'refined' | 'changed',
  treatment: 'confirmed' | 'modified' | 'changed',
): Promise<void> {
  const given = await specialist.browser.post(`/api/v1/desk/offers/${offerId}/opinions`, {
    version: 1,
    diagnosis:
      diagnosis === 'confirmed' ? { verdict: diagnosis } : { verdict: diagnosis, proposedCode: 'C25.1' },
    treatment: { verdict: treatment },
    answers: ['Neoadjuvant treatment first, then surgery may be possible.'],
    narrative: 'Borderline resectable tumour; limited vascular involvement.',
  });
  expect(given.status, JSON.stringify(given.body)).toBe(201);
}

/**
 * The case manager writes the recommendations and delivers them: after a review, with the summary
 * for the member written first (in the member's Spanish); without one, answered by the case
 * manager (the reason recorded from the list).
 */
export async function givenDelivered(actors: CaseActors, caseId: string): Promise<void> {
  const written = await actors.manager.request('PUT', `/api/v1/cases/${caseId}/recommendations`, {
    json: {
      version: (await caseNow(actors, caseId)).version,
      body: 'Tratamiento neoadyuvante y nueva valoración.',
    },
  });
  expect(written.status, JSON.stringify(written.body)).toBeLessThan(300);
  const reviewed = (await caseNow(actors, caseId)).status === 'opinion_ready';
  if (reviewed)
    await givenSummaryWritten(
      actors,
      caseId,
      'es',
      'El tumor podría operarse después de un tratamiento previo.',
    );
  const delivered = await actors.manager.post(`/api/v1/cases/${caseId}/recommendations/delivery`, {
    version: (await caseNow(actors, caseId)).version,
    ...(reviewed ? {} : { withoutReviewReason: 'answered_by_case_manager' }),
  });
  expect(delivered.body.status, JSON.stringify(delivered.body)).toBe('recommendations_delivered');
}

/** The case manager writes the member's summary of the case's complete review. */
export async function givenSummaryWritten(
  actors: Pick<CaseActors, 'manager'>,
  caseId: string,
  language: string,
  body: string,
): Promise<{ reviewId: string }> {
  const reviews = (await actors.manager.get(`/api/v1/cases/${caseId}/reviews`)).body.items as {
    id: string;
    status: string;
  }[];
  const review = reviews.find((item) => item.status === 'complete')!;
  const layers = (await actors.manager.get(`/api/v1/cases/${caseId}/opinion-layers`)).body as {
    summary: { version: number } | null;
  };
  const saved = await actors.manager.request('PUT', `/api/v1/cases/${caseId}/reviews/${review.id}/summary`, {
    json: { version: layers.summary?.version ?? 0, language, body },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return { reviewId: review.id };
}

/**
 * A member in Shanghai who reads Chinese asks for an opinion; the case manager reaches them by
 * message; the specialist accepts and writes the opinion in English (the opinion in layers).
 */
export async function givenEnglishOpinionForChineseReader(
  actors: CaseActors,
  specialist: SpecialistAtDesk,
): Promise<{ caseId: string; offerId: string }> {
  const submitted = await actors.member.post('/api/v1/cases', {
    concern: '医生说手术前需要化疗，我想确认一下。',
    diagnosisReceived: '胰腺腺癌',
    questions: ['手术真的不可能吗？'],
    preferredLanguage: 'zh-CN',
    contactChannel: 'message',
    timeZone: 'Asia/Shanghai',
    location: { country: 'CN', city: 'Shanghai' },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  const caseId = submitted.body.id as string;
  const contacted = await actors.manager.post(`/api/v1/cases/${caseId}/contacts`, {
    version: submitted.body.version,
    channel: 'message',
    contactedAt: actors.server.clock.now().toISOString(),
    outcome: 'reached',
  });
  expect(contacted.body.status).toBe('contacted');
  const [offerId] = (await givenReviewAskedOf(actors, caseId, [specialist])) as [string];
  const given = await specialist.browser.post(`/api/v1/desk/offers/${offerId}/opinions`, {
    version: 1,
    language: 'en',
    diagnosis: { verdict: 'refined', proposedCode: 'C25.0' },
    treatment: { verdict: 'modified' },
    furtherTests: ['Endoscopic ultrasound'],
    answers: ['Surgery may be possible after neoadjuvant chemotherapy.'],
    narrative: 'Borderline resectable tumour of the head of the pancreas.',
    references: ['NCCN Pancreatic Adenocarcinoma 2026'],
  });
  expect(given.status, JSON.stringify(given.body)).toBe(201);
  expect(given.body.language).toBe('en');
  return { caseId, offerId };
}
