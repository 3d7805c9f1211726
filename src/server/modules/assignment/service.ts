import type { Queryable } from '../../platform/db/index.js';
import { loadCandidates, reserveFirstFreePlace, reservePlace } from './repo.js';
import { rankCandidates } from './scoring.js';

export interface AssignmentOutcome {
  caseManagerUserId: string;
  /** Their display name, as the e-mails to the member give it. */
  caseManagerName: string;
  interpreterNeeded: boolean;
}

/**
 * Picks the best case manager for a case and takes a place in their load, inside the caller's
 * transaction. Returns `undefined` when nobody qualifies (no room, nobody on shift in time): the
 * case then waits for operations, who are alerted by the caller.
 */
export async function chooseCaseManager(
  tx: Queryable,
  input: { memberId: string; language: string; now: Date; deadline: Date; excludeUserId?: string },
): Promise<AssignmentOutcome | undefined> {
  const candidates = await loadCandidates(tx, {
    memberId: input.memberId,
    windowStart: input.now,
    windowEnd: input.deadline,
    excludeUserId: input.excludeUserId,
  });
  const ranked = rankCandidates(candidates, {
    now: input.now,
    deadline: input.deadline,
    language: input.language,
  });
  // Concurrent submissions spread over the equally good lead group instead of queuing on its
  // first member; past that group, rank alone decides (waiting for a busy row if need be).
  const leaders = ranked.filter(
    (candidate) =>
      candidate.speaksLanguage === ranked[0]?.speaksLanguage &&
      candidate.continuity === ranked[0]?.continuity,
  );
  const withoutLoadRow = new Set(
    candidates.filter((candidate) => !candidate.hasLoadRow).map((candidate) => candidate.userId),
  );
  const nameOf = new Map(candidates.map((candidate) => [candidate.userId, candidate.name]));
  const outcome = (chosen: (typeof ranked)[number]): AssignmentOutcome => ({
    caseManagerUserId: chosen.userId,
    caseManagerName: nameOf.get(chosen.userId) ?? '',
    interpreterNeeded: !chosen.speaksLanguage,
  });
  const free = await reserveFirstFreePlace(
    tx,
    leaders.map((candidate) => candidate.userId),
    leaders.map((candidate) => candidate.userId).filter((id) => withoutLoadRow.has(id)),
  );
  const freeLeader = leaders.find((candidate) => candidate.userId === free);
  if (freeLeader) return outcome(freeLeader);
  for (const candidate of ranked) {
    if (await reservePlace(tx, candidate.userId)) return outcome(candidate);
  }
  return undefined;
}
