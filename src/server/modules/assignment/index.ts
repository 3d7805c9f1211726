/** The assignment room's public face: choosing a case manager, their places and their absences. */
export { chooseCaseManager, type AssignmentOutcome } from './service.js';
export { isOnDuty, speaks } from './scoring.js';
export {
  deleteAbsence,
  insertAbsence,
  releasePlace,
  reservePlace,
  staffAbsenceOf,
  staffDutyOf,
  upcomingAbsencesOf,
} from './repo.js';
