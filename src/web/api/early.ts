/**
 * The answers that `public/early-reads.js` asked for before the app's scripts had loaded, by
 * address. Each is taken once: the first GET of the same address uses it, any later one asks the
 * server again (it may have changed since). A write the page makes drops those not taken yet: they
 * were asked before it, and may say what the write has just changed (the account read before the
 * e-mail link confirmed the address, say).
 */
declare global {
  interface Window {
    consiliumEarlyReads?: Map<string, Promise<Response | null>>;
  }
}

/** The early answer for this address, once; undefined when there is none (then fetch as usual). */
export function takeEarlyRead(address: string): Promise<Response | null> | undefined {
  const reads = typeof window === 'undefined' ? undefined : window.consiliumEarlyReads;
  const answer = reads?.get(address);
  if (answer) reads!.delete(address);
  return answer;
}

/** Forgets the early answers not taken yet: the page is about to change something. */
export function dropEarlyReads(): void {
  if (typeof window !== 'undefined') window.consiliumEarlyReads?.clear();
}
