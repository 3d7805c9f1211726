import type { Relationship } from '../../../shared/plans';

export const relationshipKey = {
  holder: 'relationship.holder',
  spouse: 'relationship.spouse',
  partner: 'relationship.partner',
  child: 'relationship.child',
  other_dependant: 'relationship.other_dependant',
} as const satisfies Record<Relationship, string>;
