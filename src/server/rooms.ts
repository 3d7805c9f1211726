import { assignmentRoom } from './modules/assignment/room.js';
import { auditRoom } from './modules/audit/room.js';
import { casesRoom } from './modules/cases/room.js';
import { coverageRoom } from './modules/coverage/room.js';
import { documentsRoom } from './modules/documents/room.js';
import { employersRoom } from './modules/employers/room.js';
import { feedbackRoom } from './modules/feedback/room.js';
import { facilitiesRoom } from './modules/facilities/room.js';
import { identityRoom } from './modules/identity/room.js';
import { interopRoom } from './modules/interop/room.js';
import { outcomesRoom } from './modules/outcomes/room.js';
import { messagingRoom } from './modules/messaging/room.js';
import { notificationsRoom } from './modules/notifications/room.js';
import { planningRoom } from './modules/planning/room.js';
import { plansRoom } from './modules/plans/room.js';
import { referralsRoom } from './modules/referrals/room.js';
import { recordsRoom } from './modules/records/room.js';
import { privacyRoom } from './modules/privacy/room.js';
import { reviewsRoom } from './modules/reviews/room.js';
import { slaRoom } from './modules/sla/room.js';
import { specialistsRoom } from './modules/specialists/room.js';
import type { Room } from './room.js';

/**
 * Every room of the app, in the order their routes are mounted and their jobs defined. A new room
 * adds its manifest here and its tables to tables.ts (docs/adding-a-room.md).
 */
export const rooms: readonly Room[] = [
  identityRoom,
  plansRoom,
  auditRoom,
  notificationsRoom,
  casesRoom,
  assignmentRoom,
  slaRoom,
  documentsRoom,
  messagingRoom,
  specialistsRoom,
  reviewsRoom,
  coverageRoom,
  feedbackRoom,
  planningRoom,
  facilitiesRoom,
  employersRoom,
  interopRoom,
  referralsRoom,
  outcomesRoom,
  recordsRoom,
  privacyRoom,
];

let connected = false;

/** Connects every room's reactions to other rooms' events, once per process. */
export function connectRooms(): void {
  if (connected) return;
  for (const room of rooms) room.connect?.();
  connected = true;
}
