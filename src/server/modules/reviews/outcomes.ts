import type { DiagnosisVerdict, ReviewOutcomes, TreatmentVerdict } from '../../../shared/reviews.js';

/** How many opinions (their latest version) gave each pair of verdicts. */
export interface VerdictCount {
  diagnosis: DiagnosisVerdict;
  treatment: TreatmentVerdict;
  n: number;
}

/**
 * The dashboard's outcome figures from the verdict counts. Compared with the published series of
 * second opinions, which report the diagnosis *changed* (a different disease, not a refinement of
 * the same one) in about 15–21 % of cases, and the treatment plan altered, modified or replaced, in
 * about 37 %: so a refined diagnosis is not counted as changed, and a modified treatment is.
 */
export function summariseOutcomes(
  rows: VerdictCount[],
): Pick<ReviewOutcomes, 'opinions' | 'diagnosis' | 'treatment'> {
  const diagnosis = { confirmed: 0, refined: 0, changed: 0 };
  const treatment = { confirmed: 0, modified: 0, changed: 0 };
  let opinions = 0;
  for (const row of rows) {
    opinions += row.n;
    diagnosis[row.diagnosis] += row.n;
    treatment[row.treatment] += row.n;
  }
  const share = (n: number) => (opinions === 0 ? null : Math.round((n / opinions) * 10_000) / 10_000);
  return {
    opinions,
    diagnosis: { ...diagnosis, changedShare: share(diagnosis.changed) },
    treatment: { ...treatment, changedShare: share(treatment.modified + treatment.changed) },
  };
}
