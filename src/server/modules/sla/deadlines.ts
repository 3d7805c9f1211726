/*
 * The arithmetic of the 24-hour promise, as pure functions of time: the server's submission and
 * breach sweep use them, and so does the planning room's simulator, which must keep the same
 * promise the server keeps.
 */

/** The promise: a case manager contacts the member within this long of the submission. */
export const FIRST_CONTACT_PROMISE_MS = 24 * 60 * 60 * 1000;

/** What a case manager on duty needs, at least, to make the contact after a breach. */
export const RESCUE_WINDOW_MS = 2 * 60 * 60 * 1000;

/** When the first contact of a case submitted at `submittedAt` is due. */
export function firstContactDeadline(submittedAt: Date): Date {
  return new Date(submittedAt.getTime() + FIRST_CONTACT_PROMISE_MS);
}

/** The deadline a case is reassigned against once its own has passed (the breach rescue). */
export function rescueDeadline(now: Date): Date {
  return new Date(now.getTime() + RESCUE_WINDOW_MS);
}

/** Was the promise kept? A contact exactly at the deadline keeps it. */
export function contactedInTime(submittedAt: Date, contactedAt: Date): boolean {
  return contactedAt.getTime() <= firstContactDeadline(submittedAt).getTime();
}
