/**
 * Every table of the app, for Drizzle's typed queries and for drizzle-kit. Each room owns its own
 * `schema.ts`; a new room adds its line here and its manifest to `rooms.ts` (docs/adding-a-room.md).
 */
export { idempotencyKey } from './platform/idempotency.js';
export { apiRateLimit } from './platform/http/rate-limit.js';
export * from './modules/identity/schema.js';
export * from './modules/plans/schema.js';
export * from './modules/audit/schema.js';
export * from './modules/notifications/schema.js';
export * from './modules/cases/schema.js';
export * from './modules/assignment/schema.js';
export * from './modules/sla/schema.js';
export * from './modules/planning/schema.js';
export * from './modules/documents/schema.js';
export * from './modules/messaging/schema.js';
export * from './modules/specialists/schema.js';
export * from './modules/reviews/schema.js';
export * from './modules/reviews/followups-schema.js';
export * from './modules/reviews/layers-schema.js';
export * from './modules/coverage/schema.js';
export * from './modules/feedback/schema.js';
export * from './modules/facilities/schema.js';
export * from './modules/employers/schema.js';
export * from './modules/referrals/schema.js';
export * from './modules/outcomes/schema.js';
export * from './modules/records/schema.js';
export * from './modules/privacy/schema.js';
