import type { ErrorEntry } from './entry.js';

/** The expected failures of the referrals room (referrals and pre-authorisations), see ../errors.ts. */
export const referralsErrors = {
  'referral.case_ended': {
    status: 409,
    title: 'The case is closed or withdrawn: no referral can be made on it.',
  },
  'referral.recommendations_not_delivered': {
    status: 409,
    title: 'A referral follows the recommendations: deliver them first.',
  },
  'referral.recipient_required': {
    status: 422,
    title: 'A referral names a facility, a receiving doctor, or both.',
  },
  'referral.unknown_facility': {
    status: 422,
    title: 'No facility of the register has this id.',
  },
  'referral.service_not_offered': {
    status: 422,
    title: 'The facility does not offer this service.',
  },
  'referral.country_required': {
    status: 422,
    title: 'Without a facility, say in which country the treatment is given.',
  },
  'referral.documents_not_of_case': {
    status: 422,
    title: 'Some of the records to share are not records of this case.',
  },
  'referral.documents_not_consented': {
    status: 422,
    title: "The member's sharing consent does not cover some of the records to share.",
  },
  'referral.already_withdrawn': {
    status: 409,
    title: 'This referral has already been withdrawn.',
  },
  'preauthorisation.already_decided': {
    status: 409,
    title: 'This pre-authorisation has already been decided.',
  },
  'preauthorisation.not_awaiting_decision': {
    status: 409,
    title: 'This pre-authorisation is waiting for information from the case manager, not for a decision.',
  },
  'preauthorisation.not_awaiting_information': {
    status: 409,
    title: 'No information was asked for on this pre-authorisation.',
  },
  'preauthorisation.own_request': {
    status: 403,
    title: 'Nobody decides on a pre-authorisation they requested.',
  },
  'preauthorisation.second_approver_required': {
    status: 403,
    title: 'The second approval must come from another cover assessor than the first.',
  },
  'preauthorisation.terms_differ': {
    status: 422,
    title: 'A second approval confirms the terms of the first: the amount, dates and reference must match.',
  },
  'preauthorisation.amount_not_positive': {
    status: 422,
    title: 'The approved amount must be more than zero.',
  },
  'preauthorisation.amount_above_cost': {
    status: 422,
    title: 'The approved amount cannot be more than the estimated cost.',
  },
  'preauthorisation.validity_reversed': {
    status: 422,
    title: 'The approval cannot end before it starts.',
  },
  'preauthorisation.no_guarantee': {
    status: 404,
    title: 'There is no guarantee of payment: it is issued for an approval to a direct-billing facility.',
  },
} as const satisfies Record<string, ErrorEntry>;
