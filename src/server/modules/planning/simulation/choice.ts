import { rankCandidates, type AssignmentRequest, type CandidateFacts } from '../../assignment/index.js';

/** How many candidates the ranking is asked about at once (more when loads tie at the edge). */
const BLOCK = 16;

const loadOf = (facts: CandidateFacts) => facts.openCases / facts.maxOpenCases;

/**
 * The case manager the server's ranking puts first, asked of far fewer candidates than all. The
 * ranking orders by: speaks the language, continuity, load, on shift soonest, id. So the groups are
 * asked in turn (the speakers, then the others: any speaker who qualifies beats everyone else, and
 * continuity never applies to the simulated new members), and within a group the candidates are
 * asked in blocks of rising load, each block holding everyone of its highest load: the first block
 * with someone who qualifies holds the winner, since everyone after it is more loaded. Checked
 * against ranking everyone in choice.test.ts.
 */
export function bestCandidate(
  groups: readonly (readonly CandidateFacts[])[],
  request: AssignmentRequest,
  /** A cheap test that is false only for candidates the ranking would refuse anyway. */
  mayQualify: (facts: CandidateFacts) => boolean = () => true,
): CandidateFacts | undefined {
  for (const group of groups) {
    const pool = group.filter((facts) => facts.openCases < facts.maxOpenCases && mayQualify(facts));
    const poolLoads = Float64Array.from(pool, loadOf);
    const loads = poolLoads.slice().sort();
    let below = -Infinity;
    for (let last = BLOCK - 1; below < (loads.at(-1) ?? -Infinity); last += BLOCK) {
      const edge = loads[Math.min(last, loads.length - 1)]!;
      const block = pool.filter((_, index) => poolLoads[index]! > below && poolLoads[index]! <= edge);
      const [best] = rankCandidates(block, request);
      if (best) return block.find((facts) => facts.userId === best.userId);
      below = edge;
    }
  }
  return undefined;
}
