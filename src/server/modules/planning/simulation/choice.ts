import { rankCandidates, type AssignmentRequest, type CandidateFacts } from '../../assignment/index.js';

/**
 * The time on shift before the deadline the server's ranking asks of a candidate (its default): the
 * simulator's cheap test below uses it to leave out beforehand whom the ranking would refuse.
 */
export const MINIMUM_SHIFT_TIME_MS = 30 * 60 * 1000;

/**
 * When could someone with these on-duty stretches ([start, end) pairs flattened, ascending, as
 * `dutyIntervals` gives them) start a contact, from `from`, with at least `minimumMs` on duty in one
 * stretch before `to`? `undefined` if never. The ranking's own question (`availableFrom`, its
 * `onShiftAt`), answered on stretches computed once for the whole run instead of with the time-zone
 * arithmetic of each request. Checked against the ranking in choice.test.ts.
 */
export function availableOnDuty(
  duty: readonly number[],
  from: number,
  to: number,
  minimumMs: number,
): number | undefined {
  let low = 0;
  let high = duty.length / 2;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (duty[middle * 2 + 1]! <= from) low = middle + 1;
    else high = middle;
  }
  for (let index = low * 2; index < duty.length && duty[index]! < to; index += 2) {
    const start = Math.max(duty[index]!, from);
    if (Math.min(duty[index + 1]!, to) - start >= minimumMs) return start;
  }
  return undefined;
}

const loadOf = (facts: CandidateFacts) => facts.openCases / facts.maxOpenCases;

/**
 * The case manager the server's ranking puts first, asked of far fewer candidates than all. The
 * ranking orders by: speaks the language, continuity, load, on shift soonest, id. So the groups are
 * asked in turn (the speakers, then the others: any speaker who qualifies beats everyone else, and
 * continuity never applies to the simulated new members), and within a group the ranking is asked
 * only about the candidates first by (load, time they could start), everyone tied there at once: if
 * one of them qualifies, the winner is among them, since everyone else comes after; if none does,
 * the next level is asked. `availableAt` tells when a candidate could start (`undefined`: never
 * before the deadline); given the ranking's own answer (`availableOnDuty`), the first level holds
 * the winner and the ranking is asked about one or two people instead of a whole team of equal
 * load. Without it every candidate counts as able to start at once, and the levels are loads only.
 * Checked against ranking everyone in choice.test.ts.
 */
export function bestCandidate<Facts extends CandidateFacts>(
  groups: readonly (readonly Facts[])[],
  request: AssignmentRequest,
  availableAt: (facts: Facts) => number | undefined = () => 0,
): Facts | undefined {
  const block: Facts[] = [];
  for (const group of groups) {
    // Levels already asked: (load, start) up to this pair, in that order.
    let belowLoad = -Infinity;
    let belowAt = -Infinity;
    for (;;) {
      let levelLoad = Infinity;
      let levelAt = Infinity;
      block.length = 0;
      for (const facts of group) {
        if (facts.openCases >= facts.maxOpenCases) continue;
        const load = loadOf(facts);
        if (load < belowLoad || load > levelLoad) continue;
        const at = availableAt(facts);
        if (at === undefined || (load === belowLoad && at <= belowAt)) continue;
        if (load === levelLoad && at > levelAt) continue;
        if (load < levelLoad || at < levelAt) {
          levelLoad = load;
          levelAt = at;
          block.length = 0;
        }
        block.push(facts);
      }
      if (block.length === 0) break;
      const [best] = rankCandidates(block, request);
      if (best) return block.find((facts) => facts.userId === best.userId);
      belowLoad = levelLoad;
      belowAt = levelAt;
    }
  }
  return undefined;
}
