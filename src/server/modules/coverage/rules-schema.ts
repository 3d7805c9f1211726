import { z } from 'zod';
import { BenefitRulesFile } from '../../../shared/coverage.js';

/** Where the published JSON Schema of the rules file is served (and its `$id`). */
export const BENEFIT_RULES_SCHEMA_PATH = '/api/v1/benefit-rules-schema';

/**
 * The JSON Schema of the benefit rules file, generated from the zod schema the import checks
 * with (as a file is written: fields with defaults may be left out). What a schema cannot say
 * (a limit on an uncovered benefit, versions that overlap) is in docs/coverage.md.
 */
export function benefitRulesJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(BenefitRulesFile, { io: 'input', target: 'draft-2020-12' }),
    $id: BENEFIT_RULES_SCHEMA_PATH,
  };
}
