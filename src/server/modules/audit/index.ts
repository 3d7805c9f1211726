/** The audit room's public face: what other rooms may call. */
export { recordAudit, verifyAuditChain, type ChainVerification } from './service.js';
export { auditPurposeFor } from './purpose.js';
export { searchAuditTrail, type AuditTrailRow } from './search.js';
export type { AuditAction, AuditEventInput, AuditPurpose, AuditRecord } from './events.js';
