import type { Actor } from '../../platform/context.js';
import type { AuditPurpose } from './events.js';

/** Why an actor reads or changes a member's data, as the audit trail records it. */
export const auditPurposeFor = (actor: Actor): AuditPurpose =>
  actor.role === 'member' ? 'self_service' : actor.role === 'ops' ? 'operations' : 'care';
