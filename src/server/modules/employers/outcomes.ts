/**
 * The seam for the hub's outcome shares (what members did after their opinion). The outcomes room
 * will own those facts; until its face offers a company's counts for a quarter, the hub says the
 * figures are not available. When it does, count them here into a `TableFamily` (figures.ts) like
 * every other measure, so that they are suppressed with the same rules.
 */
export function outcomeSharesFor(): { available: false } {
  return { available: false };
}
