import type { Actor } from '../../platform/context.js';
import type { Relation } from '../cases/index.js';
import type { OfferStatus, ReviewStatus } from '../../../shared/reviews.js';

/**
 * Who may do what in the review room. A specialist reaches a case only through the desk, never
 * through the case endpoints, and sees of it:
 * - through an offer: the summary and questions;
 * - through an accepted review (until the whole review is complete): the summary, the questions
 *   and the documents shared with them, as far as the member's consent in force covers them;
 * - afterwards: their own opinion only.
 * A declined, expired or withdrawn offer, an ended case and a withdrawn consent show nothing (404).
 */
export type DeskAccess = 'none' | 'summary' | 'full' | 'own_opinion';

export const reviewsPolicy = {
  /** The case manager of the case, or operations, asks for the review and reads it. */
  manage: (relation: Relation) => relation === 'assigned_case_manager' || relation === 'operations',
  /**
   * The case manager of the case, or operations, rates the opinions (for the specialist's record);
   * anyone else gets 404, the case's own not-found.
   */
  rate: (relation: Relation) => relation === 'assigned_case_manager' || relation === 'operations',
  /** The written report is put together by the case manager who wrote the recommendations. */
  report: (relation: Relation) => relation === 'assigned_case_manager',
  /**
   * The letter for the treating doctor: the member (or their guardian) downloads it, and their
   * case manager may read it to check it; only the member (or guardian) sends it to a doctor.
   */
  doctorLetter: (relation: Relation) =>
    relation === 'member' || relation === 'guardian' || relation === 'assigned_case_manager',
  sendDoctorLetter: (relation: Relation) => relation === 'member' || relation === 'guardian',
  desk: (actor: Actor) => actor.role === 'specialist',
  deskAccess(input: {
    offerStatus: OfferStatus;
    reviewStatus: ReviewStatus;
    caseOpen: boolean;
    consentInForce: boolean;
    /** A follow-up question to this specialist waits for their answer: the records are shared again. */
    followupOpen?: boolean;
  }): DeskAccess {
    if (!input.caseOpen || !input.consentInForce || input.reviewStatus === 'withdrawn') return 'none';
    switch (input.offerStatus) {
      case 'offered':
        return input.reviewStatus === 'open' ? 'summary' : 'none';
      case 'accepted':
        return 'full';
      case 'submitted':
        return input.reviewStatus === 'open' || input.followupOpen ? 'full' : 'own_opinion';
      default:
        return 'none';
    }
  },
};

/**
 * Who may do what with the follow-up questions after the opinion: the case manager of the case
 * forwards the member's questions; the member (or their guardian), the case manager and operations
 * read the questions and the specialists' addenda. Everyone else is told none of it exists (404).
 */
export const followupsPolicy = {
  read: (relation: Relation) =>
    relation === 'member' ||
    relation === 'guardian' ||
    relation === 'assigned_case_manager' ||
    relation === 'operations',
  forward: (relation: Relation) => relation === 'assigned_case_manager',
};
