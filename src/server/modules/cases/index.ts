/**
 * The cases room's public face: the case core every room builds on. Access to a case (who sees
 * it, and as what), the audited read of a part of it, the one way its status changes, the
 * version check, its timeline, the e-mails about it, and the hook for a case that ends.
 */
export {
  caseAuditRecord,
  caseForActor,
  membersInCareOf,
  readCasePart,
  type CaseAccess,
  type CaseAccessOptions,
} from './access.js';
export { isOpen, type Relation } from './lifecycle.js';
export {
  assertVersion,
  caseEnded,
  recommendationsDelivered,
  recommendationsDelivering,
  transition,
} from './transitions.js';
export { presentDetail } from './present.js';
export { casesPolicy } from './policy.js';
export {
  appendEvent,
  CASE_STREAM_CHANNEL,
  findCase,
  findRecommendations,
  listEvents as caseTimeline,
  listFollowUps as followUpsOf,
  lockCase,
  MESSAGE_EVENT_TYPE,
  type CaseRow,
} from './repo.js';
export { reassignLocked } from './service.js';
export { submissionVolumes, type SubmissionVolume } from './volumes.js';
export { completeCheckIn, planCheckIns, sendDueFollowUpReminders } from './follow-ups.js';
export { notifyFirstContactWarning, notifyOperations, notifyRecordsRequested } from './notices.js';
export { caseRecordsForMember, casesOfMember, eraseCaseRecords } from './erasure.js';
