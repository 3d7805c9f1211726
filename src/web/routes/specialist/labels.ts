import type { DiagnosisVerdict, OfferStatus, TreatmentVerdict } from '../../../shared/reviews';

// Every enum value has its own key, written out so that the catalogue test sees each one used.
export const offerStatusKey = {
  offered: 'desk.status.offered',
  accepted: 'desk.status.accepted',
  declined: 'desk.status.declined',
  expired: 'desk.status.expired',
  submitted: 'desk.status.submitted',
  withdrawn: 'desk.status.withdrawn',
} as const satisfies Record<OfferStatus, string>;

export const diagnosisKey = {
  confirmed: 'desk.opinion.diagnosis.confirmed',
  refined: 'desk.opinion.diagnosis.refined',
  changed: 'desk.opinion.diagnosis.changed',
} as const satisfies Record<DiagnosisVerdict, string>;

export const treatmentKey = {
  confirmed: 'desk.opinion.treatment.confirmed',
  modified: 'desk.opinion.treatment.modified',
  changed: 'desk.opinion.treatment.changed',
} as const satisfies Record<TreatmentVerdict, string>;
