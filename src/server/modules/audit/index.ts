/** The audit room's public face: what other rooms may call. */
export { recordAudit } from './service.js';
export { auditPurposeFor } from './purpose.js';
export type { AuditAction, AuditEventInput, AuditPurpose, AuditRecord } from './events.js';
