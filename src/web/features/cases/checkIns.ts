import type { FollowUp } from '../../api/endpoints';

/** The check-in due now, if any: the earliest planned one whose day has come. */
export function dueCheckIn(followUps: readonly FollowUp[], now: Date): FollowUp | undefined {
  return [...followUps]
    .filter((item) => item.status === 'scheduled' && new Date(item.dueAt) <= now)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
}
