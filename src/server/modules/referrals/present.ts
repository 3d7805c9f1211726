import type { CaseDocument } from '../../../shared/documents.js';
import type { Facility } from '../../../shared/facilities.js';
import type { Preauthorisation, PreauthorisationForAssessor, Referral } from '../../../shared/referrals.js';
import type { PreauthorisationView, ReferralRow } from './repo.js';

export function presentPreauthorisation(row: PreauthorisationView, referral: ReferralRow): Preauthorisation {
  const firstApproval =
    row.firstApproverUserId && row.firstApprovedAt && row.approvedAmount !== null
      ? {
          by: { userId: row.firstApproverUserId, name: row.firstApprover },
          at: row.firstApprovedAt.toISOString(),
          amount: row.approvedAmount,
          validFrom: row.validFrom!,
          validTo: row.validTo!,
          reference: row.approvalReference!,
        }
      : null;
  return {
    id: row.id,
    referralId: row.referralId,
    caseId: row.caseId,
    status: row.status,
    estimatedCost: { amount: referral.estimatedCost, currency: referral.currency },
    planPays: referral.cover.planPays,
    memberPays: referral.cover.memberPays,
    requestedAt: row.requestedAt.toISOString(),
    requestedBy: { name: row.requestedBy },
    approval:
      row.status === 'approved' && row.approvedAmount !== null
        ? {
            amount: row.approvedAmount,
            validFrom: row.validFrom!,
            validTo: row.validTo!,
            reference: row.approvalReference!,
          }
        : null,
    firstApproval,
    secondApprovalRequired: row.secondApprovalRequired,
    declineReason: row.declineReason,
    informationRequest: row.informationRequest,
    informationAnswer: row.informationAnswer,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    version: row.version,
  };
}

export function presentReferral(input: {
  row: ReferralRow;
  createdBy: string | null;
  facility: Facility | undefined;
  documents: CaseDocument[];
  preauthorisation: PreauthorisationView | undefined;
}): Referral {
  const { row, facility } = input;
  return {
    id: row.id,
    caseId: row.caseId,
    facility: facility
      ? {
          id: facility.id,
          name: facility.name,
          kind: facility.kind,
          address: facility.address,
          city: facility.city,
          country: facility.country,
          latitude: facility.latitude,
          longitude: facility.longitude,
          phone: facility.phone,
          languages: facility.languages,
          directBilling: facility.directBilling,
          timeZone: facility.timeZone,
          openingHours: facility.openingHours,
        }
      : null,
    receivingDoctor: row.receivingDoctor,
    service: row.service,
    benefit: row.benefit,
    icd10: row.icd10,
    country: row.country,
    sessions: row.sessions,
    reason: row.reason,
    urgency: row.urgency,
    treatmentDate: row.treatmentDate,
    letterLanguage: row.letterLanguage,
    status: row.withdrawnAt ? 'withdrawn' : 'active',
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    sharedDocuments: input.documents.map((document) => ({
      id: document.id,
      title: document.title,
      kind: document.kind,
    })),
    cover: row.cover,
    preauthorisation: input.preauthorisation ? presentPreauthorisation(input.preauthorisation, row) : null,
    createdAt: row.createdAt.toISOString(),
    createdBy: { name: input.createdBy },
  };
}

export function presentForAssessor(input: {
  preauthorisation: PreauthorisationView;
  referral: ReferralRow;
  caseNumber: string;
  memberName: string;
  membershipNumber: string | null;
  facility: Facility | undefined;
}): PreauthorisationForAssessor {
  const { referral, facility } = input;
  return {
    ...presentPreauthorisation(input.preauthorisation, referral),
    caseNumber: input.caseNumber,
    member: { name: input.memberName, membershipNumber: input.membershipNumber },
    service: referral.service,
    benefit: referral.benefit,
    icd10: referral.icd10,
    reason: referral.reason,
    urgency: referral.urgency,
    treatmentDate: referral.treatmentDate,
    facility: facility
      ? {
          name: facility.name,
          city: facility.city,
          country: facility.country,
          directBilling: facility.directBilling,
        }
      : null,
    cover: referral.cover,
  };
}
