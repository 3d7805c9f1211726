import { z } from 'zod';
import { auditEventKind as event } from '../../platform/audit-event.js';

/**
 * What the interop room writes to the audit trail (listed with every room's in
 * src/server/audit-events.ts): the export of a case, whether the documents' content went with it,
 * and, for the member's own archive built by a job, the archive it was made for.
 */
export const interopAuditEvents = [
  event(
    'case.fhir_exported',
    z.object({ withContent: z.boolean(), dataExportId: z.uuid().optional() }).strict(),
  ),
] as const;
