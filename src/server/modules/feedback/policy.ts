import type { Actor } from '../../platform/context.js';
import type { Relation } from '../cases/index.js';

/**
 * Who does what with service reviews. A review is written by the member a case is for, or by the
 * guardian who asked for a dependant's opinion (the dependant's case is theirs to rate: they are
 * the one who dealt with the service); anyone else, staff included, is told the case does not
 * exist. Only its author changes a review. A moderator decides on the words and sees nothing of the case; operations read the
 * reviews and reply publicly for the service; the moderator's decisions are theirs alone, so that
 * the people whose work is rated do not moderate what is said about it.
 */
export const feedbackPolicy = {
  write: (relation: Relation): boolean => relation === 'member' || relation === 'guardian',
  moderate: (actor: Actor): boolean => actor.role === 'moderator',
  readForModeration: (actor: Actor): boolean => actor.role === 'moderator' || actor.role === 'ops',
  reply: (actor: Actor): boolean => actor.role === 'ops',
};
