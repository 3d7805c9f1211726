import { describe, expect, it } from 'vitest';
import { dutyIntervals, rankCandidates, speaks, type CandidateFacts } from '../../assignment/index.js';
import { availableOnDuty, bestCandidate, MINIMUM_SHIFT_TIME_MS } from './choice.js';
import { randomStreams } from './random.js';

/*
 * The simulator asks the server's ranking about a few candidates at a time; it must choose exactly
 * whom the ranking of everyone would put first. Checked over a thousand random situations: staff
 * in several time zones, on different shifts, some away, loads from empty to full.
 */
const zones = ['Europe/London', 'Asia/Dubai', 'America/New_York', 'Asia/Shanghai'];
const patterns = [
  [1, 2, 3, 4, 5].map((day) => ({ day, start: '07:00', end: '15:00' })),
  [1, 2, 3, 4, 5].map((day) => ({ day, start: '13:00', end: '21:00' })),
  [0, 4, 5, 6].map((day) => ({ day, start: '10:00', end: '18:00' })),
];
const languages = [['en'], ['ar', 'en'], ['ar'], ['fr'], ['zh-CN', 'en']];

describe('asking the ranking about the few tied first, from stretches on duty computed once', () => {
  it('chooses the very case manager the ranking of everyone puts first', () => {
    const [random] = randomStreams(99, 1);
    const pick = <T>(list: T[]) => list[Math.floor(random!.next() * list.length)]!;
    const week = Date.UTC(2026, 10, 2);
    for (let round = 0; round < 1000; round += 1) {
      const now = week + Math.floor(random!.next() * 7 * 86_400_000);
      const staff: CandidateFacts[] = Array.from(
        { length: 5 + Math.floor(random!.next() * 60) },
        (_, index) => {
          const maxOpenCases = pick([5, 10, 40]);
          const away = random!.next() < 0.1;
          return {
            userId: `cm-${String(index).padStart(3, '0')}`,
            languages: pick(languages),
            timeZone: pick(zones),
            weeklyShifts: pick(patterns),
            absences: away
              ? [{ startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 20 * 3_600_000) }]
              : [],
            openCases: Math.floor(random!.next() * (maxOpenCases + 1)),
            maxOpenCases,
            wasPreviousCaseManager: false,
          };
        },
      );
      const language = pick(['en', 'ar', 'fr', 'de']);
      const request = { now: new Date(now), deadline: new Date(now + 86_400_000), language };
      const everyone = rankCandidates(staff, request)[0]?.userId;
      const groups = [
        staff.filter((facts) => speaks(facts.languages, language)),
        staff.filter((facts) => !speaks(facts.languages, language)),
      ];
      expect(bestCandidate(groups, request)?.userId, `round ${round}`).toBe(everyone);
      // Telling beforehand when each could start, from their stretches on duty over the whole week,
      // gives the time the ranking itself finds, for each of them; and so the very same choice.
      const weekDuty = (facts: CandidateFacts) =>
        dutyIntervals(facts, new Date(week - 86_400_000), new Date(week + 9 * 86_400_000)).flatMap(
          (interval) => [interval.start.getTime(), interval.end.getTime()],
        );
      const availableAt = (facts: CandidateFacts) =>
        availableOnDuty(weekDuty(facts), now, now + 86_400_000, MINIMUM_SHIFT_TIME_MS);
      for (const facts of staff) {
        const alone = rankCandidates([{ ...facts, openCases: 0 }], request)[0];
        expect(availableAt(facts), `round ${round}, ${facts.userId}`).toBe(alone?.onShiftAt.getTime());
      }
      expect(bestCandidate(groups, request, availableAt)?.userId, `round ${round}`).toBe(everyone);
    }
  });
});
