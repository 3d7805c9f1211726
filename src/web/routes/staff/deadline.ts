import { useEffect, useState } from 'react';
import type { DeadlineStanding } from '../../../shared/sla';

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

/** The browser's clock: the one place the workspace reads it (the server's rule is ctx.clock). */
// eslint-disable-next-line no-restricted-syntax
const browserNow = () => Date.now();

/** The current time, re-read every `everyMs`: a countdown that moves without asking the server. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(browserNow);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(browserNow()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
