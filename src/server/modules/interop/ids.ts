import { v5 as uuidv5 } from 'uuid';
import { CONSILIUM_FHIR_BASE } from '../../../shared/interop.js';

/*
 * Ids in the Bundle. A resource made from one of our records carries that record's UUID, so the
 * same case exported twice gives the same ids. A resource with no record of its own (the Task of a
 * case, the Binary of a document, the CarePlan of its recommendations) gets a name-based UUID
 * (v5) of its kind and the record it comes from: stable too, and distinct from the record's own.
 * Entries are addressed by `urn:uuid:` full URLs: nothing in them is health data.
 */
const NAMESPACE = uuidv5(CONSILIUM_FHIR_BASE, uuidv5.URL);

export const derivedId = (kind: string, recordId: string): string => uuidv5(`${kind}/${recordId}`, NAMESPACE);

export const fullUrlOf = (id: string): string => `urn:uuid:${id}`;

/** A reference to another entry of the Bundle. */
export const ref = (id: string, display?: string) => ({
  reference: fullUrlOf(id),
  ...(display !== undefined && { display }),
});

/** Our own code systems and identifier systems, under the documented canonical base. */
export const ours = (name: string): string => `${CONSILIUM_FHIR_BASE}/${name}`;

/** The ids of the resources that have no record of their own. */
export const taskId = (caseId: string) => derivedId('Task', caseId);
export const carePlanId = (caseId: string) => derivedId('CarePlan', caseId);
export const provenanceIdOf = (eventId: string) => derivedId('Provenance', eventId);
export const binaryIdOf = (documentId: string) => derivedId('Binary', documentId);
export const eligibilityRequestId = (referralId: string) =>
  derivedId('CoverageEligibilityRequest', referralId);
export const eligibilityResponseId = (referralId: string) =>
  derivedId('CoverageEligibilityResponse', referralId);
export const claimResponseId = (preauthorisationId: string) => derivedId('ClaimResponse', preauthorisationId);
