/** The notifications room's public face: other rooms write e-mails to the outbox through it. */
export { enqueueNotification, type NotificationRequest } from './service.js';
export { notificationTimesFor } from './repo.js';
export { outboxStanding, type OutboxStanding } from './gauges.js';
