import type { Room } from '../../room.js';
import { defineNotificationJobs } from './service.js';

/** The outbox of e-mails and its dispatcher. */
export const notificationsRoom: Room = { name: 'notifications', jobs: defineNotificationJobs };
