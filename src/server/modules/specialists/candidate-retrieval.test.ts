import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { systemContext } from '../../platform/context.js';
import { givenSpecialistAtDesk } from '../../../../test/support/reviews.js';
import { findMatches, findOfferableMatches } from './candidate-retrieval.js';
import { rankSpecialists, resolveWanted, type Candidate, type MatchRequest } from './matching.js';
import { specialist } from './schema.js';
import { generateSpecialists } from './service.js';

/**
 * The indexed retrieval reads a network in slices and stops early; whatever it reads, its top ten
 * must be the top ten of the whole network ranked by the same function. Checked here against a
 * generated network read in full, for asks of every shape the retrieval has a path for.
 */

let server: TestServer;
let network: Candidate[];
let colleague: { name: string; institution: string | null };

beforeAll(async () => {
  server = await startTestServer();
  await generateSpecialists(systemContext(server.runtime, 'matching-test'), { seed: 7, count: 4_000 });
  network = await server.runtime.db.select().from(specialist);
  // Someone of the network gave the first opinion: they and their institution must never appear.
  const cardiologist = network.find(
    (row) => row.subspecialtyCodes.includes('IM-CARD') && row.institution && row.acceptsReviews,
  )!;
  colleague = { name: `Dr ${cardiologist.name}`, institution: cardiologist.institution };
});
afterAll(async () => {
  await server?.close();
});

function ask(overrides: Partial<MatchRequest> & { condition?: string; codes?: string[] }): MatchRequest {
  const { condition, codes, ...rest } = overrides;
  return {
    wanted: resolveWanted(codes ?? [], condition),
    languages: ['en'],
    memberCountry: 'GB',
    regions: [],
    urgency: 'routine',
    origin: null,
    firstOpinion: { doctorName: null, institution: null },
    includeFull: false,
    ...rest,
  };
}

const asks: Record<string, MatchRequest> = {
  'breast cancer, in Spanish, in Spain': ask({ condition: 'C50.9', languages: ['es'], memberCountry: 'ES' }),
  'a heart attack, Arabic then English, in the Emirates, urgent, after a cardiologist of the network': ask({
    condition: 'I21.4',
    languages: ['ar', 'en'],
    memberCountry: 'AE',
    urgency: 'urgent',
  }),
  'knee arthrosis for a joint surgeon, in Italian': ask({
    condition: 'M17.0',
    codes: ['OS-JOINT'],
    languages: ['it'],
    memberCountry: 'IT',
  }),
  'lung cancer, Chinese then English, licensed in France or Germany': ask({
    condition: 'C34.1',
    languages: ['zh-CN', 'en'],
    memberCountry: 'SG',
    regions: ['FR', 'DE'],
  }),
  'childhood leukaemia, full specialists included': ask({
    condition: 'C91.0',
    codes: ['PE-HEMONC'],
    includeFull: true,
  }),
  'epilepsy near Berlin, in German': ask({
    condition: 'G40.9',
    languages: ['de'],
    memberCountry: 'DE',
    origin: { latitude: 52.52, longitude: 13.405 },
  }),
  'a rare language: depression, in Icelandic': ask({
    condition: 'F32.1',
    languages: ['is'],
    memberCountry: 'IS',
  }),
};

describe('matching reads only part of the network and still finds its best', () => {
  for (const [name, request] of Object.entries(asks)) {
    it(name, async () => {
      const asked = name.includes('after a cardiologist')
        ? { ...request, firstOpinion: { doctorName: colleague.name, institution: colleague.institution } }
        : request;
      const retrieved = await findMatches(server.runtime.db, asked, 10);
      const everyone = rankSpecialists(network, asked, 10);
      expect(everyone).toHaveLength(10);
      expect(retrieved.matches.map((match) => [match.specialist.id, match.score])).toEqual(
        everyone.map((match) => [match.specialist.id, match.score]),
      );
      // It read a part: never more than the statements' limits allow, and far from everyone.
      expect(retrieved.candidatesRead).toBeLessThan(network.length / 10);
      expect(retrieved.queries).toBeLessThanOrEqual(retrieved.slicesRead);
      if (asked.firstOpinion.institution) {
        expect(retrieved.matches.map((match) => match.specialist.institution)).not.toContain(
          asked.firstOpinion.institution,
        );
      }
    });
  }
});

describe('the review room’s next candidates', () => {
  it('are only specialists who can receive an offer: a desk account in use, a free place', async () => {
    const heartAttack = ask({ condition: 'I21.4' });
    // The generated network has no desk accounts: nobody there could be offered a review.
    expect((await findMatches(server.runtime.db, heartAttack, 10)).matches).toHaveLength(10);
    expect((await findOfferableMatches(server.runtime.db, heartAttack, 10)).matches).toEqual([]);

    const atDesk = await givenSpecialistAtDesk(server, {
      specialtyCodes: ['IM'],
      subspecialtyCodes: ['IM-CARD'],
    });
    const full = await givenSpecialistAtDesk(server, {
      specialtyCodes: ['IM'],
      subspecialtyCodes: ['IM-CARD'],
      weeklyCapacity: 0,
    });
    const offerable = await findOfferableMatches(server.runtime.db, heartAttack, 10);
    expect(offerable.matches.map((match) => match.specialist.id)).toEqual([atDesk.id]);
    expect(offerable.matches.map((match) => match.specialist.id)).not.toContain(full.id);

    // A disabled account can receive nothing.
    await server.sql.query('UPDATE user_profile SET disabled_at = now() WHERE user_id = $1', [
      atDesk.account.userId,
    ]);
    expect((await findOfferableMatches(server.runtime.db, heartAttack, 10)).matches).toEqual([]);
  });
});
