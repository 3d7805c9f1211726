import { describe, expect, it } from 'vitest';
import {
  exclusionOf,
  fitOf,
  fitTiers,
  languageLevelOf,
  licenceLevelOf,
  retrievalSlices,
  haversineKm,
  rankSpecialists,
  resolveWanted,
  scoreCandidate,
  slicesOfNextQuery,
  type Candidate,
  type MatchRequest,
} from './matching.js';
import { nameKey } from './names.js';

let sequence = 0;
function candidate(overrides: Partial<Candidate> = {}): Candidate {
  sequence += 1;
  const name = overrides.name ?? `Doctor ${sequence}`;
  return {
    id: `00000000-0000-7000-8000-${String(sequence).padStart(12, '0')}`,
    userId: null,
    name,
    nameKey: nameKey(name),
    title: 'Dr',
    institution: 'Hospital Universitario La Paz',
    institutionKey: nameKey(overrides.institution ?? 'Hospital Universitario La Paz'),
    country: 'ES',
    city: 'Madrid',
    latitude: 40.4168,
    longitude: -3.7038,
    licensedCountries: ['ES'],
    languages: ['es', 'en'],
    specialtyCodes: ['IM'],
    subspecialtyCodes: ['IM-ONC'],
    conditionCodes: [],
    acceptsReviews: true,
    weeklyCapacity: 4,
    activeReviews: 0,
    medianTurnaroundHours: 24,
    ...overrides,
  };
}

function request(overrides: Partial<MatchRequest> = {}): MatchRequest {
  return {
    wanted: resolveWanted([], 'C50.9'),
    languages: ['es'],
    memberCountry: 'ES',
    regions: [],
    urgency: 'routine',
    origin: null,
    firstOpinion: { doctorName: null, institution: null },
    includeFull: false,
    ...overrides,
  };
}

const factor = (match: ReturnType<typeof scoreCandidate>, name: string) =>
  match?.factors.find((entry) => entry.factor === name);

describe('what a case manager asks for, resolved', () => {
  it('a breast cancer code asks for its treaters exactly, its secondary specialties next, never a bare parent', () => {
    const wanted = resolveWanted([], 'C50.9');
    expect(wanted.exact).toEqual(expect.arrayContaining(['SU-BREAST', 'SU-ONC', 'IM-ONC', 'RO']));
    expect(wanted.specialty).toEqual(expect.arrayContaining(['PS-BREAST', 'DR-BREAST']));
    // An internist is not an oncologist, nor a general surgeon a breast surgeon.
    for (const tier of [wanted.exact, wanted.specialty, wanted.related]) expect(tier).not.toContain('IM');
    expect(wanted.conditionBlock).toBe('C50-C50');
    expect(wanted.conditionChapter).toBe('II');
  });

  it('takes the narrowest mapping of the diagnosis: a urologist for prostate cancer, a vascular surgeon for an aortic aneurysm', () => {
    expect(resolveWanted([], 'C61').exact).toEqual(['UR-ONC', 'UR', 'IM-ONC', 'RO']);
    expect(resolveWanted([], 'I71.4').exact).toEqual(['VS']);
    expect(resolveWanted([], 'I71.2').exact).toEqual(['TS', 'VS']);
    expect(resolveWanted([], 'M06.9', { age: 52 }).exact).toEqual(['IM-RHEUM']);
    expect(resolveWanted([], 'C90.0', { age: 67 }).exact).toEqual(['IM-HEM', 'IM-ONC']);
  });

  it('sends a child to the paediatric sub-specialties and an adult to the adult ones', () => {
    expect(resolveWanted([], 'E10.9', { age: 12 }).exact).toEqual(['PE-ENDO']);
    expect(resolveWanted([], 'E10.9', { age: 12 }).related).toContain('IM-ENDO');
    expect(resolveWanted([], 'E10.9', { age: 30 }).exact).toEqual(['IM-ENDO']);
    expect(resolveWanted([], 'C91.0', { age: 5 }).exact).toEqual(['PE-HEMONC']);
    expect(resolveWanted([], 'C91.0', { age: 40 }).exact).toEqual(['IM-HEM', 'IM-ONC']);
  });

  it('puts the surgeons first when an operation is proposed, the radiation oncologists for radiotherapy', () => {
    const gallstones = resolveWanted([], 'K80.2', { age: 45, treatment: 'surgery' });
    expect(gallstones.exact).toEqual(['SU-HPB', 'SU']);
    expect(gallstones.specialty).toEqual(['IM-GI']);
    expect(resolveWanted([], 'K80.2', { age: 45 }).exact).toContain('IM-GI');
    expect(resolveWanted([], 'C61', { age: 70, treatment: 'radiotherapy' }).exact).toEqual(['RO']);
    // No surgeon among the first-line treaters: the secondary ones are asked.
    expect(resolveWanted([], 'I25.1', { age: 64, treatment: 'surgery' }).exact).toEqual(['TS']);
  });

  it('with a sub-specialty asked for, the condition only widens the search', () => {
    const wanted = resolveWanted(['IM-CARD'], 'I21.4');
    expect(wanted.exact).toEqual(['IM-CARD']);
    expect(wanted.specialty).toEqual(['IM']);
    expect(wanted.related).toEqual(expect.arrayContaining(['IM-ICARD', 'TS']));
    expect(wanted.related).not.toContain('IM');
  });
});

describe('ranking specialists for a case', () => {
  it('puts the exact sub-specialty above the specialty, and that above a related one', () => {
    const exact = candidate({ subspecialtyCodes: ['SU-BREAST'], specialtyCodes: ['SU'] });
    const specialty = candidate({ subspecialtyCodes: [], specialtyCodes: ['SU'] });
    const related = candidate({ subspecialtyCodes: [], specialtyCodes: ['RO'] });
    const unrelated = candidate({ subspecialtyCodes: ['OP-RET'], specialtyCodes: ['OP'] });
    const ranked = rankSpecialists(
      [related, unrelated, specialty, exact],
      request({ wanted: resolveWanted(['SU-BREAST'], 'C50.9') }),
      10,
    );
    expect(ranked.map((match) => match.specialist.id)).toEqual([exact.id, specialty.id, related.id]);
    expect(ranked.map((match) => factor(match, 'specialty')?.reason)).toEqual([
      'subspecialty_exact',
      'specialty_match',
      'related_specialty',
    ]);
  });

  it('ranks the better fit first, whatever the languages and licences of a worse one', () => {
    // A breast surgeon through an interpreter before a plastic surgeon in the member's language:
    // the right specialty matters more than the language, which an interpreter can bridge.
    const rightSpecialty = candidate({
      subspecialtyCodes: ['SU-BREAST'],
      specialtyCodes: ['SU'],
      languages: ['de'],
      licensedCountries: ['DE'],
      medianTurnaroundHours: 100,
    });
    const secondary = candidate({ subspecialtyCodes: ['PS-BREAST'], specialtyCodes: ['PS'] });
    const ranked = rankSpecialists([secondary, rightSpecialty], request(), 10);
    expect(ranked.map((match) => match.specialist.id)).toEqual([rightSpecialty.id, secondary.id]);
    expect(ranked[0]!.score).toBeLessThan(ranked[1]!.score);
  });

  it('explains each point: language, licence, capacity, turnaround, and the total out of 100', () => {
    const match = scoreCandidate(
      candidate({
        weeklyCapacity: 4,
        activeReviews: 1,
        medianTurnaroundHours: 66,
        conditionCodes: ['C50-C50'],
      }),
      request(),
    );
    expect(match?.factors).toEqual([
      {
        factor: 'specialty',
        points: 40,
        maxPoints: 40,
        reason: 'subspecialty_exact+condition_block_expertise',
      },
      { factor: 'language', points: 20, maxPoints: 20, reason: 'speaks_member_language' },
      { factor: 'licence', points: 15, maxPoints: 15, reason: 'licensed_in_member_country' },
      { factor: 'capacity', points: 7.5, maxPoints: 10, reason: 'places_left:3' },
      { factor: 'turnaround', points: 4, maxPoints: 8, reason: 'median_hours:66' },
    ]);
    expect(match?.score).toBe(Math.round((86.5 / 93) * 1000) / 10);
  });

  it('prefers the member’s preferred language, then another of theirs, and says when an interpreter is needed', () => {
    const wanted = request({ languages: ['ar', 'fr'] });
    const speaksArabic = scoreCandidate(candidate({ languages: ['ar', 'en'] }), wanted);
    const speaksFrench = scoreCandidate(candidate({ languages: ['fr'] }), wanted);
    const neither = scoreCandidate(candidate({ languages: ['de'] }), wanted);
    expect(factor(speaksArabic, 'language')).toMatchObject({ points: 20, reason: 'speaks_member_language' });
    expect(factor(speaksFrench, 'language')).toMatchObject({
      points: 12,
      reason: 'speaks_another_member_language',
    });
    expect(factor(neither, 'language')).toMatchObject({ points: 0, reason: 'interpreter_needed' });
  });

  it('credits a licence in a preferred region first and the member’s country next', () => {
    const wanted = request({ regions: ['DE', 'CH'] });
    expect(factor(scoreCandidate(candidate({ licensedCountries: ['CH'] }), wanted), 'licence')).toMatchObject(
      {
        points: 15,
        reason: 'licensed_in_preferred_region',
      },
    );
    expect(factor(scoreCandidate(candidate({ licensedCountries: ['ES'] }), wanted), 'licence')).toMatchObject(
      {
        points: 10,
        reason: 'licensed_in_member_country',
      },
    );
    expect(factor(scoreCandidate(candidate({ licensedCountries: ['US'] }), wanted), 'licence')?.points).toBe(
      0,
    );
  });

  it('weighs turnaround more when the case is urgent, enough to reorder two specialists', () => {
    const quick = candidate({ medianTurnaroundHours: 14, languages: ['en'] });
    const slowButFluent = candidate({ medianTurnaroundHours: 110, languages: ['es'] });
    const routine = rankSpecialists([quick, slowButFluent], request({ languages: ['es', 'en'] }), 2);
    const urgent = rankSpecialists(
      [quick, slowButFluent],
      request({ languages: ['es', 'en'], urgency: 'urgent' }),
      2,
    );
    expect(routine.map((match) => match.specialist.id)).toEqual([slowButFluent.id, quick.id]);
    expect(urgent.map((match) => match.specialist.id)).toEqual([quick.id, slowButFluent.id]);
    expect(factor(urgent[0] ?? null, 'turnaround')?.maxPoints).toBe(20);
  });

  it('counts the distance only when it matters, by great circle', () => {
    const valencia = { latitude: 39.4699, longitude: -0.3763 };
    expect(Math.round(haversineKm(valencia, { latitude: 40.4168, longitude: -3.7038 }))).toBe(303);
    const near = candidate();
    const far = candidate({ city: 'Santiago', latitude: -33.4489, longitude: -70.6693 });
    const nearby = request({ origin: valencia });
    expect(factor(scoreCandidate(near, nearby), 'distance')).toMatchObject({ points: 9, reason: 'km:303' });
    expect(factor(scoreCandidate(far, nearby), 'distance')?.points).toBe(0);
    expect(factor(scoreCandidate(near, request()), 'distance')).toBeUndefined();
    expect(scoreCandidate(near, nearby)?.distanceKm).toBe(303);
  });

  it('never proposes the first-opinion doctor or institution, however written', () => {
    const doctor = candidate({
      name: 'José Núñez',
      institution: 'Clínica Norte',
      institutionKey: nameKey('Clínica Norte'),
    });
    const colleague = candidate({
      name: 'Lucía Vidal',
      institution: 'Hospital La Fe',
      institutionKey: nameKey('Hospital La Fe'),
    });
    const other = candidate({
      name: 'Marta Gil',
      institution: 'Hospital Clínic',
      institutionKey: nameKey('Hospital Clínic'),
    });
    const wanted = request({ firstOpinion: { doctorName: 'Dr. JOSE NUNEZ', institution: 'hospital la fe' } });
    expect(exclusionOf(doctor, wanted)).toBe('first_opinion_doctor');
    expect(exclusionOf(colleague, wanted)).toBe('first_opinion_institution');
    expect(
      rankSpecialists([doctor, colleague, other], wanted, 10).map((match) => match.specialist.id),
    ).toEqual([other.id]);
  });

  it('leaves out who does not accept reviews, and who is full unless asked to include them', () => {
    const resting = candidate({ acceptsReviews: false });
    const full = candidate({ weeklyCapacity: 3, activeReviews: 3 });
    const free = candidate();
    expect(rankSpecialists([resting, full, free], request(), 10).map((match) => match.specialist.id)).toEqual(
      [free.id],
    );
    const withFull = rankSpecialists([resting, full, free], request({ includeFull: true }), 10);
    expect(withFull.map((match) => match.specialist.id)).toEqual([free.id, full.id]);
    expect(factor(withFull[1] ?? null, 'capacity')).toMatchObject({ points: 0, reason: 'full' });
  });

  it('orders equal scores by places left, then by id, and returns at most the limit', () => {
    const [a, b, c] = [candidate({ activeReviews: 2, weeklyCapacity: 4 }), candidate(), candidate()];
    const ranked = rankSpecialists(
      [c, a, b].map((entry) => ({ ...entry, weeklyCapacity: 4 })),
      request(),
      2,
    );
    expect(ranked.map((match) => match.specialist.id)).toEqual([b.id, c.id]);
  });

  it('bounds what each slice can score, so retrieval can stop early without changing the list', () => {
    // Regions given, two member languages: every level of every slice exists.
    const asked = request({
      urgency: 'urgent',
      origin: { latitude: 0, longitude: 0 },
      languages: ['es', 'fr'],
      regions: ['FR'],
      wanted: resolveWanted(['SU-ONC'], 'C50.9'),
    });
    const slices = retrievalSlices(asked);
    expect(slices).toHaveLength(fitTiers.length * 3 * 3);
    // The ranking's order: the better fit first, then the higher bound.
    const order = (slice: (typeof slices)[number]) => [fitTiers.indexOf(slice.fit), -slice.bound];
    expect(slices.map(order)).toEqual(
      slices.map(order).sort((left, right) => left[0]! - right[0]! || left[1]! - right[1]!),
    );
    const fits = { exact: ['SU-ONC'], specialty: ['SU'], related: ['RO'] } as const;
    const speaking = { preferred: ['es'], other: ['fr'], none: ['de'] } as const;
    const licensed = { wanted: ['FR'], member: ['ES'], none: ['DE'] } as const;
    for (const slice of slices) {
      // The best specialist of the slice: expertise in the block, next door, fast, all places free.
      const best = candidate({
        specialtyCodes: slice.fit === 'exact' ? ['SU'] : [fits[slice.fit][0]],
        subspecialtyCodes: slice.fit === 'exact' ? ['SU-ONC'] : [],
        languages: [...speaking[slice.language]],
        licensedCountries: [...licensed[slice.licence]],
        conditionCodes: ['C50-C50'],
        latitude: 0,
        longitude: 0,
        medianTurnaroundHours: 1,
      });
      const name = `${slice.fit}/${slice.language}/${slice.licence}`;
      expect(
        [fitOf(best, asked.wanted), languageLevelOf(best, asked), licenceLevelOf(best, asked)],
        name,
      ).toEqual([slice.fit, slice.language, slice.licence]);
      expect(scoreCandidate(best, asked)?.score, name).toBe(slice.bound);
    }
  });

  it('has no slice for a level the request cannot reach', () => {
    const plain = retrievalSlices(request({ wanted: resolveWanted(['SU-ONC'], undefined) }));
    expect(new Set(plain.map((slice) => slice.language))).toEqual(new Set(['preferred', 'none']));
    expect(new Set(plain.map((slice) => slice.licence))).toEqual(new Set(['wanted', 'none']));
    expect(new Set(plain.map((slice) => slice.fit))).toEqual(new Set(['exact', 'specialty']));
    expect(plain[0]).toMatchObject({ fit: 'exact', language: 'preferred', licence: 'wanted', bound: 100 });
  });
});

describe('how many slices each statement of a retrieval reads', () => {
  const slices = retrievalSlices(
    request({ languages: ['es', 'en'], regions: ['FR'], wanted: resolveWanted(['SU-ONC'], 'C50.9') }),
  );
  const bounds = slices.map((slice) => slice.bound);

  it('reads the best slice alone first, since most requests need nothing else', () => {
    expect(slicesOfNextQuery(slices, 0, undefined)).toEqual([slices[0]]);
  });

  it('reads the next two while the list is not full yet', () => {
    expect(slicesOfNextQuery(slices, 1, undefined)).toEqual(slices.slice(1, 3));
    expect(slicesOfNextQuery(slices, slices.length - 1, undefined)).toEqual([slices.at(-1)]);
  });

  it('once the list is full, reads every slice that could still place someone, and only those', () => {
    // The list's last score equals the bound of the fifth slice: a specialist there could tie and
    // come first on places or id, so it is read; the sixth, with a lower bound, is not.
    expect(slices.slice(0, 6).every((slice) => slice.fit === 'exact')).toBe(true);
    const last = { fit: 'exact' as const, score: bounds[4]! };
    expect(bounds[5]!).toBeLessThan(last.score);
    expect(slicesOfNextQuery(slices, 1, last)).toEqual(slices.slice(1, 5));
    expect(slicesOfNextQuery(slices, 1, { fit: 'exact', score: bounds[1]! + 0.1 })).toEqual([]);
  });

  it('never reads a worse fit tier once the list is full of a better one', () => {
    const firstSpecialty = slices.findIndex((slice) => slice.fit === 'specialty');
    expect(firstSpecialty).toBeGreaterThan(0);
    // Whatever its bound, a slice of a worse tier cannot place anyone before an exact fit.
    expect(slicesOfNextQuery(slices, firstSpecialty, { fit: 'exact', score: 0 })).toEqual([]);
    expect(slicesOfNextQuery(slices, firstSpecialty, { fit: 'specialty', score: 0 }).length).toBeGreaterThan(
      0,
    );
  });
});
