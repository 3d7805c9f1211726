import { describe, expect, it } from 'vitest';
import type { Relation } from '../cases/index.js';
import { interopPolicy } from './policy.js';

describe('who may export a case as FHIR', () => {
  const relations: Record<Relation, boolean> = {
    member: true,
    guardian: true,
    assigned_case_manager: true,
    operations: true,
    former_case_manager: false,
    other: false,
    system: false,
  };
  it.each(Object.entries(relations))('%s: %s', (relation, allowed) => {
    expect(interopPolicy.export(relation as Relation)).toBe(allowed);
  });
});
