import type { z } from 'zod';
import type { CaseRequest, ContactChannel } from '../../../shared/cases';
import { canonicalTimeZone } from '../../../shared/timeZones';
import type { ContactWindowDraft } from '../contact/ContactTimes';

/**
 * The request being written, kept on this device as the member goes (see
 * docs/decisions/0010-request-draft-on-the-device.md): under a key of their account, removed when
 * the request is sent and when they sign out.
 */
export interface RequestDraft {
  /** One per draft: a retry of the same request (a lost answer, a double tap) makes one case. */
  idempotencyKey: string;
  step: number;
  /** '' is the member themselves; else a dependant they are guardian of. */
  memberId: string;
  concern: string;
  diagnosisReceived: string;
  treatmentPlanReceived: string;
  doctorName: string;
  institution: string;
  firstOpinionCountry: string;
  questions: string[];
  preferredLanguage: string;
  contactChannel: ContactChannel;
  /** As the member writes it; sent when they ask to be called (absent in drafts kept before it was asked). */
  contactPhone?: string;
  timeZone: string;
  windows: ContactWindowDraft[];
  country: string;
  city: string;
}

export function detectedTimeZone(): string {
  try {
    return canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  } catch {
    return 'UTC';
  }
}

export function newDraft(defaults: {
  language: string;
  timeZone?: string;
  country?: string | null;
  /** The member's saved preferences, when they have some. */
  contactChannel?: ContactChannel;
  windows?: ContactWindowDraft[];
  /** The member's saved number, when they have one. */
  phone?: string;
}): RequestDraft {
  return {
    idempotencyKey: crypto.randomUUID(),
    step: 0,
    memberId: '',
    concern: '',
    diagnosisReceived: '',
    treatmentPlanReceived: '',
    doctorName: '',
    institution: '',
    firstOpinionCountry: '',
    questions: [''],
    preferredLanguage: defaults.language,
    contactChannel: defaults.contactChannel ?? 'phone',
    contactPhone: defaults.phone ?? '',
    timeZone: defaults.timeZone ?? detectedTimeZone(),
    windows: defaults.windows ?? [],
    country: defaults.country ?? '',
    city: '',
  };
}

const filled = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** The body of `POST /api/v1/cases`: empty optional fields left out, as the schema expects. */
export function requestBody(draft: RequestDraft): z.input<typeof CaseRequest> {
  const firstOpinion = {
    doctorName: filled(draft.doctorName),
    institution: filled(draft.institution),
    country: filled(draft.firstOpinionCountry),
  };
  const hasFirstOpinion = Object.values(firstOpinion).some((value) => value !== undefined);
  return {
    ...(draft.memberId ? { memberId: draft.memberId } : {}),
    concern: draft.concern,
    ...(filled(draft.diagnosisReceived) ? { diagnosisReceived: draft.diagnosisReceived } : {}),
    ...(filled(draft.treatmentPlanReceived) ? { treatmentPlanReceived: draft.treatmentPlanReceived } : {}),
    ...(hasFirstOpinion
      ? { firstOpinion: Object.fromEntries(Object.entries(firstOpinion).filter(([, v]) => v !== undefined)) }
      : {}),
    questions: draft.questions,
    preferredLanguage: draft.preferredLanguage,
    contactChannel: draft.contactChannel,
    // Only the number to call: one typed before choosing another way is not kept.
    ...(draft.contactChannel === 'phone' && filled(draft.contactPhone ?? '')
      ? { contactPhone: draft.contactPhone?.trim() }
      : {}),
    timeZone: draft.timeZone,
    preferredContactWindows: draft.windows,
    location: { country: draft.country, city: draft.city },
  };
}
