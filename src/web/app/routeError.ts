/**
 * A page's code (or its catalogue) is fetched when the page is first opened. After a new release
 * the old hashed files are gone from the server, so a tab opened before it fails to fetch them:
 * reloading once brings the new release. A second failure soon after is not a release: it is said
 * in words, with the offer to reload.
 */
const RELOADED_AT = 'consilium.reloadedForMissingCode';
const ONCE_WITHIN_MS = 60_000;

/** The messages browsers give when a dynamically imported module (or its CSS) cannot be fetched. */
const missingCode =
  /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS|Failed to load module script/i;

export function isMissingCodeError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return missingCode.test(message);
}

interface Store {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** True when the page should reload for this error: code went missing, and no reload for it just now. */
export function shouldReloadFor(error: unknown, store: Store, now: number): boolean {
  if (!isMissingCodeError(error)) return false;
  try {
    const last = Number(store.getItem(RELOADED_AT) ?? 0);
    if (Number.isFinite(last) && now - last >= 0 && now - last < ONCE_WITHIN_MS) return false;
    store.setItem(RELOADED_AT, String(now));
    return true;
  } catch {
    // Without storage (a private window that refuses it), never risk reloading in a loop.
    return false;
  }
}
