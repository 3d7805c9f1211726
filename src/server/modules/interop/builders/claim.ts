import type { Claim, ClaimResponse, FhirResource } from 'fhir/r4.js';
import type { Preauthorisation, Referral } from '../../../../shared/referrals.js';
import { concept, money, standard } from '../codes.js';
import type { CaseFacts } from '../facts.js';
import { claimResponseId, ref } from '../ids.js';
import { benefitConcept, icd10Concept, serviceConcept } from './referral.js';

const open = new Set<Preauthorisation['status']>([
  'pending',
  'information_requested',
  'awaiting_second_approval',
]);

/** A facility's treatment is an institutional claim; a doctor's alone a professional one. */
const claimType = (referral: Referral) =>
  referral.facility
    ? concept(standard.claimType, 'institutional', 'Institutional')
    : concept(standard.claimType, 'professional', 'Professional');

function buildClaim(facts: Pick<CaseFacts, 'patient'>, referral: Referral, request: Preauthorisation): Claim {
  const { patient } = facts;
  const { cover } = referral;
  return {
    resourceType: 'Claim',
    id: request.id,
    status: request.status === 'cancelled' ? 'cancelled' : 'active',
    type: claimType(referral),
    use: 'preauthorization',
    patient: ref(patient.member.id),
    created: request.requestedAt,
    insurer: ref(patient.insurer.id, patient.insurer.name),
    // Who will give the treatment: the facility of the register, else the receiving doctor named.
    provider: referral.facility
      ? ref(referral.facility.id, referral.facility.name)
      : { display: referral.receivingDoctor ?? '' },
    priority: concept(standard.processPriority, referral.urgency === 'urgent' ? 'stat' : 'normal'),
    referral: ref(referral.id),
    diagnosis: [{ sequence: 1, diagnosisCodeableConcept: icd10Concept(referral) }],
    insurance: [{ sequence: 1, focal: true, coverage: ref(patient.membership.id) }],
    item: [
      {
        sequence: 1,
        diagnosisSequence: [1],
        category: benefitConcept(referral),
        productOrService: serviceConcept(referral),
        servicedDate: referral.treatmentDate,
        locationCodeableConcept: concept(standard.iso3166, referral.country),
        net: money(cover.estimatedCost, cover.currency),
      },
    ],
    total: money(cover.estimatedCost, cover.currency),
  };
}

/**
 * The insurer's answer: queued while the assessors have not decided (or asked a question),
 * complete once approved (the amount, its validity, the reference) or declined (why). A request
 * cancelled before a decision has no answer.
 */
function buildClaimResponse(
  facts: Pick<CaseFacts, 'patient'>,
  referral: Referral,
  request: Preauthorisation,
): ClaimResponse | undefined {
  if (request.status === 'cancelled') return undefined;
  const { patient } = facts;
  const currency = referral.cover.currency;
  const submitted = {
    category: concept(standard.adjudication, 'submitted'),
    amount: money(referral.cover.estimatedCost, currency),
  };
  const approval = request.approval;
  const note =
    request.status === 'declined'
      ? request.declineReason
      : request.status === 'information_requested'
        ? request.informationRequest
        : null;
  return {
    resourceType: 'ClaimResponse',
    id: claimResponseId(request.id),
    status: 'active',
    type: claimType(referral),
    use: 'preauthorization',
    patient: ref(patient.member.id),
    created: request.decidedAt ?? request.requestedAt,
    insurer: ref(patient.insurer.id, patient.insurer.name),
    request: ref(request.id),
    outcome: open.has(request.status) ? 'queued' : 'complete',
    // Our status of the request (pending, approved, declined...).
    disposition: request.status,
    ...(approval && {
      preAuthRef: approval.reference,
      preAuthPeriod: { start: approval.validFrom, end: approval.validTo },
    }),
    item: [
      {
        itemSequence: 1,
        adjudication: [
          submitted,
          ...(approval
            ? [
                {
                  category: concept(standard.adjudication, 'benefit'),
                  amount: money(approval.amount, currency),
                },
              ]
            : []),
        ],
      },
    ],
    ...(approval && {
      total: [
        { category: concept(standard.adjudication, 'benefit'), amount: money(approval.amount, currency) },
      ],
    }),
    ...(note && { processNote: [{ number: 1, type: 'display', text: note }] }),
  };
}

/** Each pre-authorisation request as a Claim with `use: preauthorization`, and the insurer's ClaimResponse. */
export function buildPreauthorisations(facts: Pick<CaseFacts, 'patient' | 'referrals'>): FhirResource[] {
  return facts.referrals.flatMap((referral): FhirResource[] => {
    const request = referral.preauthorisation;
    if (!request) return [];
    const response = buildClaimResponse(facts, referral, request);
    return [buildClaim(facts, referral, request), ...(response ? [response] : [])];
  });
}
