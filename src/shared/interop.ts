import { z } from 'zod';

/**
 * The FHIR R4 export of a case (`GET /api/v1/cases/:id/fhir`): a Bundle of type `collection`.
 * docs/fhir.md maps our fields to FHIR elements and lists the code systems.
 */

/**
 * The canonical base of what Consilium defines itself (code systems and identifier systems where no
 * standard one exists). Part of the contract with whoever reads our exports: never change it in place.
 */
export const CONSILIUM_FHIR_BASE = 'https://consilium.example.org/fhir';

/** A document's content is put inside the Bundle (a Binary, base64) only up to this size... */
export const FHIR_BINARY_MAX_BYTES = 8 * 1024 * 1024;
/** ...and only while the Binaries of one export stay under this total; the others keep their link. */
export const FHIR_BINARIES_TOTAL_MAX_BYTES = 32 * 1024 * 1024;

export const FhirExportQuery = z
  .object({
    include: z
      .enum(['binary'])
      .optional()
      .describe('`binary` puts the content of the documents inside the Bundle as Binary resources (capped)'),
  })
  .strict();
export type FhirExportQuery = z.infer<typeof FhirExportQuery>;

/** The answer: a FHIR R4 Bundle (its shape is FHIR's; the suite validates it against R4). */
export const FhirBundle = z.looseObject({
  resourceType: z.literal('Bundle'),
  type: z.string(),
  entry: z
    .array(
      z.looseObject({
        fullUrl: z.string().optional(),
        resource: z.looseObject({ resourceType: z.string() }).optional(),
      }),
    )
    .optional(),
});
export type FhirBundleBody = z.infer<typeof FhirBundle>;
