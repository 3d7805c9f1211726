import type { ClinicalImpression, ClinicalImpressionFinding } from 'fhir/r4.js';
import { concept, own, standard } from '../codes.js';
import type { CaseFacts } from '../facts.js';
import { ref } from '../ids.js';

/**
 * Each specialist's opinion (its latest version): whether the diagnosis and the treatment plan
 * stand, the diagnosis they propose (ICD-10), the further tests they recommend, their answers to
 * the member's questions and their narrative.
 */
export function buildClinicalImpressions(
  facts: Pick<CaseFacts, 'kase' | 'patient' | 'opinions'>,
): ClinicalImpression[] {
  return facts.opinions.map(({ opinion, specialist }) => {
    const findings: ClinicalImpressionFinding[] = [
      { itemCodeableConcept: concept(own.diagnosisVerdict, opinion.diagnosisVerdict) },
      { itemCodeableConcept: concept(own.treatmentVerdict, opinion.treatmentVerdict) },
    ];
    if (opinion.proposedDiagnosisCode)
      findings.push({ itemCodeableConcept: concept(standard.icd10, opinion.proposedDiagnosisCode) });
    return {
      resourceType: 'ClinicalImpression',
      id: opinion.id,
      status: 'completed',
      code: concept(own.service, 'specialist-opinion', 'Specialist opinion'),
      subject: ref(facts.patient.member.id),
      date: opinion.submittedAt.toISOString(),
      assessor: ref(specialist.id, specialist.name),
      summary: opinion.narrative,
      finding: findings,
      // The answers, in the order of the member's questions (Task.input `question`), then the
      // further tests recommended and the literature cited, each a note of its own.
      note: [...opinion.answers, ...opinion.furtherTests, ...opinion.references].map((text) => ({ text })),
      supportingInfo: [ref(facts.kase.id)],
    };
  });
}
