/**
 * A submission as bare SQL: the request body the submissions bench sends, and the single-row INSERT
 * of its case row (the statement the service sends for it, captured with `log_statement = all`).
 * Shared by the bench's bare-insert baseline and the stack-floor server's submission route.
 */
import { v7 as uuidv7 } from 'uuid';

const submissionLanguages = ['es', 'en', 'fr', 'de', 'ar', 'pt-BR', 'zh-CN'];

export type CaseRequestBody = ReturnType<typeof caseRequest>;

export function caseRequest(member: number, index: number) {
  return {
    concern: `Member ${member}, request ${index}: I was told I need surgery and I am frightened.`,
    diagnosisReceived: 'Lumbar disc herniation L4-L5',
    treatmentPlanReceived: 'Microdiscectomy next month',
    firstOpinion: { doctorName: 'Dr House', institution: 'Hospital General', country: 'ES' },
    questions: ['Is surgery really needed?', 'What are the alternatives?'],
    preferredLanguage: submissionLanguages[(member + index) % submissionLanguages.length]!,
    contactChannel: 'phone' as const,
    timeZone: 'Europe/Madrid',
    preferredContactWindows: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '13:00' }],
    location: { country: 'ES', city: 'Valencia' },
  };
}

export const INSERT_CASE =
  'insert into "opinion_case" ("id", "number", "status", "version", "member_id", "requested_by_user_id", "concern", ' +
  '"diagnosis_received", "treatment_plan_received", "first_opinion_doctor", "first_opinion_institution", ' +
  '"first_opinion_country", "questions", "preferred_language", "contact_channel", "time_zone", ' +
  '"preferred_contact_windows", "location_country", "location_city", "case_manager_user_id", "interpreter_needed", ' +
  '"submitted_at", "first_contact_due_at", "first_contacted_at", "closed_at", "withdrawn_at", "created_at", ' +
  '"updated_at") values ($1, $2, $3, default, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, ' +
  'default, default, $19, $20, default, default, default, $21, $22)';

/** The INSERT_CASE parameters for a request, a member and a case number; submitted now, due in 24 hours. */
export function caseRow(body: CaseRequestBody, member: { memberId: string; userId: string }, number: string) {
  const now = new Date();
  return [
    uuidv7(),
    number,
    'submitted',
    member.memberId,
    member.userId,
    body.concern,
    body.diagnosisReceived,
    body.treatmentPlanReceived,
    body.firstOpinion.doctorName,
    body.firstOpinion.institution,
    body.firstOpinion.country,
    body.questions,
    body.preferredLanguage,
    body.contactChannel,
    body.timeZone,
    JSON.stringify(body.preferredContactWindows),
    body.location.country,
    body.location.city,
    now,
    new Date(now.getTime() + 24 * 3_600_000),
    now,
    now,
  ];
}
