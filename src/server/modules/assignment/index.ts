/**
 * The assignment room's public face: choosing a case manager, their places and their absences, and
 * the pure ranking rule itself (the planning room's simulator runs the same rule).
 */
export { chooseCaseManager, type AssignmentOutcome } from './service.js';
export {
  dutyIntervals,
  isOnDuty,
  rankCandidates,
  speaks,
  type AssignmentRequest,
  type CandidateFacts,
  type ScoredCandidate,
} from './scoring.js';
export {
  caseManagerRoster,
  deleteAbsence,
  insertAbsence,
  releasePlace,
  reservePlace,
  staffAbsenceOf,
  staffDutyOf,
  upcomingAbsencesOf,
} from './repo.js';
