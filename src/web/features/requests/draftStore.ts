import type { RequestDraft } from './draft';

/**
 * Where request drafts are kept on the device (docs/decisions/0010-request-draft-on-the-device.md),
 * in a module of its own: the layout removes them all at sign-out without loading the form's code.
 */
const PREFIX = 'consilium.requestDraft.';
const keyFor = (accountId: string) => `${PREFIX}${accountId}`;

export function loadDraft(accountId: string): RequestDraft | null {
  try {
    const raw = localStorage.getItem(keyFor(accountId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<RequestDraft>;
    if (typeof parsed.idempotencyKey !== 'string' || !Array.isArray(parsed.questions)) return null;
    return parsed as RequestDraft;
  } catch {
    return null;
  }
}

export function saveDraft(accountId: string, draft: RequestDraft): void {
  try {
    localStorage.setItem(keyFor(accountId), JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the draft lives as long as the page.
  }
}

export function removeDraft(accountId: string): void {
  try {
    localStorage.removeItem(keyFor(accountId));
  } catch {
    // Nothing was kept.
  }
}

/** On sign-out: every request draft on this device goes, whoever's it was. */
export function removeAllDrafts(): void {
  try {
    for (let index = localStorage.length - 1; index >= 0; index -= 1) {
      const key = localStorage.key(index);
      if (key?.startsWith(PREFIX)) localStorage.removeItem(key);
    }
  } catch {
    // Nothing was kept.
  }
}
