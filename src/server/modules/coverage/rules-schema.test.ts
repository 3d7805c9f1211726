import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { demoBenefitRules } from '../../demo/benefit-rules.js';
import { benefitRulesJsonSchema } from './rules-schema.js';

/*
 * The published JSON Schema is what an insurer's tools check their files with before sending
 * them: a general JSON Schema validator (Ajv) must take the files we take and refuse what the
 * schema can say is wrong.
 */
const published = JSON.parse(
  readFileSync(new URL('../../../../docs/benefit-rules.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const validator = () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(published);
};

describe('the benefit rules file’s JSON Schema', () => {
  it('is the one generated from the schema the import checks with', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(benefitRulesJsonSchema())));
  });

  it('takes the demo plans’ rules, as the import does', () => {
    const validate = validator();
    expect(validate(demoBenefitRules), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses a benefit category that does not exist, a missing one, an ICD-10 code that is not one, and a date that is not one', () => {
    const validate = validator();
    const version = demoBenefitRules.plans[0]!.versions[0]!;
    const { mental_health: _left, ...withoutMentalHealth } = version.benefits;
    const files = [
      { benefits: { ...version.benefits, dental: { clause: '9', covered: true } } },
      { benefits: withoutMentalHealth },
      { exclusions: [{ from: 'knee', to: 'M17', clause: '5.9' }] },
      { effectiveFrom: '2026-02-30' },
    ].map((change) => ({
      ...demoBenefitRules,
      plans: [{ planCode: 'MHI-GLOBAL-IND', versions: [{ ...version, ...change }] }],
    }));
    for (const file of files) expect(validate(file)).toBe(false);
  });
});
