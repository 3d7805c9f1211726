import type {
  CoverageEligibilityRequest,
  CoverageEligibilityResponse,
  Extension,
  FhirResource,
} from 'fhir/r4.js';
import type { CoverRule } from '../../../../shared/coverage.js';
import { concept, money, own, standard } from '../codes.js';
import type { CaseFacts } from '../facts.js';
import { eligibilityRequestId, eligibilityResponseId, ref } from '../ids.js';
import { benefitConcept, icd10Concept, serviceConcept } from './referral.js';

/** What the check asked: whether the membership is in force, what the benefit pays, whether to pre-authorise. */
const purpose: CoverageEligibilityRequest['purpose'] = ['validation', 'benefits', 'auth-requirements'];

/** A rule that decided the answer: its clause, our code, its effect (docs/fhir.md). */
const ruleExtension = (rule: CoverRule): Extension => ({
  url: own.coverRuleExtension,
  extension: [
    { url: 'clause', valueString: rule.clause },
    { url: 'code', valueCoding: { system: own.coverRule, code: rule.code } },
    { url: 'effect', valueCode: rule.effect },
  ],
});

const notInForce = new Set<CoverRule['code']>(['membership_not_in_force', 'rules_not_in_force']);

/**
 * The cover check of each referral, as the question put to the plan and its answer: the
 * membership, the treatment (benefit, service, condition, estimate in the plan's currency), and
 * what the plan pays, what the member pays, whether pre-authorisation is needed, with every rule
 * that decided it.
 */
export function buildCoverChecks(facts: Pick<CaseFacts, 'patient' | 'referrals'>): FhirResource[] {
  const { patient } = facts;
  return facts.referrals.flatMap((referral): FhirResource[] => {
    const { cover } = referral;
    const category = benefitConcept(referral);
    const request: CoverageEligibilityRequest = {
      resourceType: 'CoverageEligibilityRequest',
      id: eligibilityRequestId(referral.id),
      status: 'active',
      purpose,
      patient: ref(patient.member.id),
      servicedDate: referral.treatmentDate,
      created: referral.createdAt,
      insurer: ref(patient.insurer.id, patient.insurer.name),
      insurance: [{ focal: true, coverage: ref(patient.membership.id) }],
      item: [
        {
          category,
          productOrService: serviceConcept(referral),
          // The whole estimate of the treatment (all its sessions), in the plan's currency.
          unitPrice: money(cover.estimatedCost, cover.currency),
          ...(referral.sessions > 1 && { quantity: { value: referral.sessions } }),
          diagnosis: [{ diagnosisCodeableConcept: icd10Concept(referral) }],
        },
      ],
    };
    const response: CoverageEligibilityResponse = {
      resourceType: 'CoverageEligibilityResponse',
      id: eligibilityResponseId(referral.id),
      status: 'active',
      purpose,
      patient: ref(patient.member.id),
      servicedDate: referral.treatmentDate,
      created: referral.createdAt,
      request: ref(request.id!),
      outcome: 'complete',
      // Our outcome (covered, covered_after_preauthorisation, partly_covered, not_covered).
      disposition: cover.outcome,
      insurer: ref(patient.insurer.id, patient.insurer.name),
      insurance: [
        {
          coverage: ref(patient.membership.id),
          inforce: !cover.rules.some((rule) => notInForce.has(rule.code)),
          ...(cover.planYear && { benefitPeriod: { start: cover.planYear.start, end: cover.planYear.end } }),
          item: [
            {
              // The benefit category only: R4 takes a category or a bill code, not both (ces-1).
              category,
              extension: cover.rules.map(ruleExtension),
              excluded: cover.outcome === 'not_covered',
              description: `Rules version ${cover.rulesVersion.label}`,
              benefit: [
                {
                  type: concept(standard.benefitType, 'benefit', 'Benefit'),
                  allowedMoney: money(cover.planPays, cover.currency),
                },
                {
                  type: concept(standard.benefitType, 'copay', 'Copayment per service'),
                  allowedMoney: money(cover.memberPays, cover.currency),
                },
              ],
              authorizationRequired: cover.preauthorisationRequired,
            },
          ],
        },
      ],
    };
    return [request, response];
  });
}
