import type { TFunction } from 'i18next';
import type {
  DiagnosisVerdict,
  OfferStatus,
  ReviewStatus,
  TreatmentVerdict,
} from '../../../../shared/reviews';
import type { MatchFactor } from '../../../../shared/specialists';
import { languageName, listOf } from '../../../app/format';

// Every enum value has its own key, written out so that the catalogue test sees each one used.
export const reviewStatusKey = {
  open: 'cm.review.status.open',
  complete: 'cm.review.status.complete',
  withdrawn: 'cm.review.status.withdrawn',
} as const satisfies Record<ReviewStatus, string>;

export const offerStatusKey = {
  offered: 'cm.review.offer.offered',
  accepted: 'cm.review.offer.accepted',
  declined: 'cm.review.offer.declined',
  expired: 'cm.review.offer.expired',
  submitted: 'cm.review.offer.submitted',
  withdrawn: 'cm.review.offer.withdrawn',
} as const satisfies Record<OfferStatus, string>;

export const diagnosisKey = {
  confirmed: 'cm.review.diagnosis.confirmed',
  refined: 'cm.review.diagnosis.refined',
  changed: 'cm.review.diagnosis.changed',
} as const satisfies Record<DiagnosisVerdict, string>;

export const treatmentKey = {
  confirmed: 'cm.review.treatment.confirmed',
  modified: 'cm.review.treatment.modified',
  changed: 'cm.review.treatment.changed',
} as const satisfies Record<TreatmentVerdict, string>;

export const factorKey = {
  specialty: 'cm.match.factor.specialty',
  language: 'cm.match.factor.language',
  licence: 'cm.match.factor.licence',
  capacity: 'cm.match.factor.capacity',
  turnaround: 'cm.match.factor.turnaround',
  distance: 'cm.match.factor.distance',
} as const satisfies Record<MatchFactor, string>;

const reasonKey = {
  subspecialty_exact: 'cm.match.reason.subspecialty_exact',
  specialty_match: 'cm.match.reason.specialty_match',
  related_specialty: 'cm.match.reason.related_specialty',
  condition_block_expertise: 'cm.match.reason.condition_block_expertise',
  condition_chapter_expertise: 'cm.match.reason.condition_chapter_expertise',
  speaks_member_language: 'cm.match.reason.speaks_member_language',
  speaks_another_member_language: 'cm.match.reason.speaks_another_member_language',
  interpreter_needed: 'cm.match.reason.interpreter_needed',
  licensed_in_preferred_region: 'cm.match.reason.licensed_in_preferred_region',
  licensed_in_member_country: 'cm.match.reason.licensed_in_member_country',
  not_licensed_where_wanted: 'cm.match.reason.not_licensed_where_wanted',
  full: 'cm.match.reason.full',
  no_record_yet: 'cm.match.reason.no_record_yet',
} as const;
const isReason = (code: string): code is keyof typeof reasonKey => code in reasonKey;

/**
 * A factor's stable reason code in words: `subspecialty_exact+condition_block_expertise`, or a
 * code with its figure (`places_left:3`, `median_hours:66`, `km:303`).
 */
export function describeReason(reason: string, t: TFunction): string {
  return reason
    .split('+')
    .map((part) => {
      const [code = '', figure] = part.split(':');
      const value = Number(figure);
      if (code === 'places_left') return t('cm.match.reason.places_left', { count: value });
      if (code === 'median_hours') return t('cm.match.reason.median_hours', { hours: value });
      if (code === 'km') return t('cm.match.reason.km', { km: value });
      if (isReason(code)) return t(reasonKey[code]);
      return t('cm.match.reason.other', { code: part });
    })
    .join(' · ');
}

export const languageNames = (tags: string[], locale: string) =>
  listOf(
    tags.map((tag) => languageName(tag, locale)),
    locale,
  );

export const displayName = (person: { name: string; title: string | null }) =>
  person.title ? `${person.title} ${person.name}` : person.name;
