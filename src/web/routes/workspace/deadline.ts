import type { DeadlineStanding } from '../../../shared/sla.js';

export type Standing = DeadlineStanding | 'contacted';

/**
 * Where a case stands against the 24-hour promise at `now`: the same rule as the server's
 * dashboard (breached once the deadline passed, at risk from the warning threshold before it).
 */
export function standingOf(
  kase: { firstContactDueAt: string; firstContactedAt: string | null },
  now: number,
  warningHoursBefore: number,
): Standing {
  if (kase.firstContactedAt) return 'contacted';
  const due = new Date(kase.firstContactDueAt).getTime();
  if (due <= now) return 'breached';
  return due - now <= warningHoursBefore * 3_600_000 ? 'at_risk' : 'on_track';
}

/** The time left (or overdue) split for a message: whole hours, minutes and seconds. */
export function remaining(dueAt: string, now: number) {
  const ms = new Date(dueAt).getTime() - now;
  const total = Math.floor(Math.abs(ms) / 1000);
  return {
    overdue: ms <= 0,
    hours: Math.floor(total / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}
