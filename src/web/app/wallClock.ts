/** Wall-clock times in a named time zone, for inputs that speak the member's (or my) local time. */

function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** "2026-12-03T09:30" in `timeZone` → the UTC instant (ISO 8601); null for an empty or bad value. */
export function wallTimeToIso(wall: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // Twice: the offset at the guess may differ from the offset at the answer around a DST change.
  let instant = guess - offsetMs(guess, timeZone);
  instant = guess - offsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

/** The UTC instant as "YYYY-MM-DDTHH:mm" on the wall clock of `timeZone` (for a datetime-local input). */
export function isoToWallTime(iso: string | number, timeZone: string): string {
  const instant = typeof iso === 'number' ? iso : new Date(iso).getTime();
  const local = new Date(instant + offsetMs(instant, timeZone));
  return local.toISOString().slice(0, 16);
}
