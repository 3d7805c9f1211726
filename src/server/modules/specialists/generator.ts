import { icd10Blocks, specialtyTaxonomy } from '../../../shared/specialists.js';
import { citiesByCountry, type Place } from './cities.js';
import type { SpecialistDraft } from './import.js';
import { nameKey } from './names.js';

/**
 * A deterministic, realistic network for development, demos and benchmarks: the same seed gives
 * the same specialists in the same order. Specialists live in real cities (GeoNames, population
 * weighted) of the countries the service works in, speak the languages of their country (and often
 * English), hold a licence at home and sometimes in a neighbouring country, and have the specialty
 * mix of their country's workforce: many internists, family doctors and surgeons, fewer of each
 * sub-specialty; more family doctors where general practice is the gatekeeper, more paediatricians
 * where the population is young, more sub-specialisation where health systems are more specialised.
 */

/** A small, fast, well-distributed PRNG (mulberry32): seeded, so reproducible everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function pickWeighted<T>(
  random: Random,
  items: readonly T[],
  weight: (item: T) => number,
  total?: number,
): T {
  const sum = total ?? items.reduce((acc, item) => acc + weight(item), 0);
  let target = random() * sum;
  for (const item of items) {
    target -= weight(item);
    if (target < 0) return item;
  }
  return items[items.length - 1] as T;
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

type NameGroup =
  'en' | 'es' | 'pt' | 'fr' | 'de' | 'it' | 'nl' | 'ar' | 'zh' | 'ja' | 'ko' | 'hi' | 'tr' | 'pl' | 'sv';

interface CountryProfile {
  weight: number;
  names: NameGroup;
  /** The languages spoken: the first always, each other with its probability. */
  languages: [string, number][];
  neighbours: string[];
  /** Share of specialists holding a sub-specialty. */
  subspecialised: number;
  hospital: string[];
}

// prettier-ignore
const countries: Record<string, CountryProfile> = {
  US: { weight: 18, names: 'en', languages: [['en', 1], ['es', 0.18], ['zh-CN', 0.03], ['fr', 0.03]], neighbours: ['CA', 'MX'], subspecialised: 0.75, hospital: ['{city} University Medical Center', '{city} General Hospital', 'Mercy Hospital {city}'] },
  CA: { weight: 4, names: 'en', languages: [['en', 1], ['fr', 0.3]], neighbours: ['US'], subspecialised: 0.6, hospital: ['{city} General Hospital', 'Hôpital universitaire de {city}'] },
  MX: { weight: 2, names: 'es', languages: [['es', 1], ['en', 0.5]], neighbours: ['US'], subspecialised: 0.45, hospital: ['Hospital Ángeles {city}', 'Centro Médico de {city}'] },
  BR: { weight: 5, names: 'pt', languages: [['pt', 1], ['en', 0.4], ['es', 0.25]], neighbours: ['AR', 'PT'], subspecialised: 0.5, hospital: ['Hospital das Clínicas de {city}', 'Hospital São Lucas {city}'] },
  AR: { weight: 1.5, names: 'es', languages: [['es', 1], ['en', 0.4], ['it', 0.05]], neighbours: ['BR'], subspecialised: 0.45, hospital: ['Hospital Italiano de {city}', 'Sanatorio {city}'] },
  GB: { weight: 7, names: 'en', languages: [['en', 1], ['fr', 0.08], ['hi', 0.05]], neighbours: ['IE'], subspecialised: 0.55, hospital: ['{city} Royal Infirmary', '{city} University Hospitals NHS Trust'] },
  IE: { weight: 0.6, names: 'en', languages: [['en', 1], ['ga', 0.1]], neighbours: ['GB'], subspecialised: 0.5, hospital: ['{city} University Hospital'] },
  FR: { weight: 7, names: 'fr', languages: [['fr', 1], ['en', 0.55], ['es', 0.1], ['ar', 0.06]], neighbours: ['BE', 'CH', 'DE', 'ES', 'IT'], subspecialised: 0.55, hospital: ['CHU de {city}', 'Hôpital privé de {city}'] },
  BE: { weight: 1.5, names: 'nl', languages: [['nl', 1], ['fr', 0.7], ['en', 0.7], ['de', 0.1]], neighbours: ['FR', 'NL', 'DE'], subspecialised: 0.55, hospital: ['UZ {city}', 'Cliniques universitaires de {city}'] },
  NL: { weight: 2, names: 'nl', languages: [['nl', 1], ['en', 0.9], ['de', 0.35]], neighbours: ['BE', 'DE'], subspecialised: 0.55, hospital: ['UMC {city}', 'Ziekenhuis {city}'] },
  DE: { weight: 8, names: 'de', languages: [['de', 1], ['en', 0.65], ['tr', 0.04], ['ru', 0.03]], neighbours: ['AT', 'CH', 'NL', 'FR', 'PL', 'BE'], subspecialised: 0.6, hospital: ['Universitätsklinikum {city}', 'Klinikum {city}'] },
  AT: { weight: 1.5, names: 'de', languages: [['de', 1], ['en', 0.6]], neighbours: ['DE', 'CH', 'IT'], subspecialised: 0.55, hospital: ['Landeskrankenhaus {city}', 'Universitätsklinikum {city}'] },
  CH: { weight: 2, names: 'de', languages: [['de', 1], ['fr', 0.45], ['it', 0.15], ['en', 0.75]], neighbours: ['DE', 'FR', 'IT', 'AT'], subspecialised: 0.6, hospital: ['Universitätsspital {city}', 'Hôpital cantonal de {city}'] },
  IT: { weight: 6, names: 'it', languages: [['it', 1], ['en', 0.45], ['fr', 0.08]], neighbours: ['CH', 'FR', 'AT'], subspecialised: 0.5, hospital: ['Ospedale di {city}', 'Policlinico di {city}'] },
  ES: { weight: 6, names: 'es', languages: [['es', 1], ['en', 0.5], ['ca', 0.15], ['fr', 0.08]], neighbours: ['PT', 'FR'], subspecialised: 0.5, hospital: ['Hospital Universitario de {city}', 'Clínica {city}'] },
  PT: { weight: 1.5, names: 'pt', languages: [['pt', 1], ['en', 0.6], ['es', 0.3], ['fr', 0.1]], neighbours: ['ES'], subspecialised: 0.5, hospital: ['Hospital de {city}', 'Centro Hospitalar de {city}'] },
  PL: { weight: 1.5, names: 'pl', languages: [['pl', 1], ['en', 0.5], ['de', 0.15]], neighbours: ['DE'], subspecialised: 0.45, hospital: ['Szpital Uniwersytecki w {city}', 'Szpital Wojewódzki {city}'] },
  SE: { weight: 1, names: 'sv', languages: [['sv', 1], ['en', 0.9]], neighbours: [], subspecialised: 0.55, hospital: ['{city} universitetssjukhus'] },
  TR: { weight: 2, names: 'tr', languages: [['tr', 1], ['en', 0.4], ['de', 0.05]], neighbours: [], subspecialised: 0.45, hospital: ['{city} Şehir Hastanesi', '{city} Üniversitesi Tıp Fakültesi'] },
  AE: { weight: 2, names: 'ar', languages: [['ar', 1], ['en', 0.9], ['hi', 0.08], ['ur', 0.05]], neighbours: ['SA'], subspecialised: 0.55, hospital: ['{city} Hospital', 'Cleveland Clinic {city}'] },
  SA: { weight: 2, names: 'ar', languages: [['ar', 1], ['en', 0.75]], neighbours: ['AE'], subspecialised: 0.5, hospital: ['King Fahad Medical City {city}', '{city} Specialist Hospital'] },
  EG: { weight: 1.5, names: 'ar', languages: [['ar', 1], ['en', 0.6], ['fr', 0.1]], neighbours: ['SA'], subspecialised: 0.4, hospital: ['{city} University Hospital'] },
  IN: { weight: 5, names: 'hi', languages: [['en', 1], ['hi', 0.8]], neighbours: ['AE', 'SG'], subspecialised: 0.4, hospital: ['Apollo Hospital {city}', '{city} Institute of Medical Sciences'] },
  SG: { weight: 2, names: 'zh', languages: [['en', 1], ['zh-CN', 0.55], ['ms', 0.1], ['ta', 0.05]], neighbours: ['MY'], subspecialised: 0.6, hospital: ['{city} General Hospital', 'Mount Elizabeth Hospital'] },
  MY: { weight: 1, names: 'zh', languages: [['ms', 1], ['en', 0.85], ['zh-CN', 0.35]], neighbours: ['SG'], subspecialised: 0.4, hospital: ['Hospital {city}'] },
  CN: { weight: 5, names: 'zh', languages: [['zh-CN', 1], ['en', 0.35]], neighbours: ['SG'], subspecialised: 0.45, hospital: ['{city} People’s Hospital', '{city} Medical University Hospital'] },
  JP: { weight: 3, names: 'ja', languages: [['ja', 1], ['en', 0.3]], neighbours: [], subspecialised: 0.55, hospital: ['{city} University Hospital', '{city} Red Cross Hospital'] },
  KR: { weight: 2, names: 'ko', languages: [['ko', 1], ['en', 0.45]], neighbours: [], subspecialised: 0.55, hospital: ['{city} National University Hospital'] },
  AU: { weight: 2, names: 'en', languages: [['en', 1], ['zh-CN', 0.05], ['it', 0.03]], neighbours: [], subspecialised: 0.55, hospital: ['Royal {city} Hospital', '{city} Private Hospital'] },
};

// prettier-ignore
const names: Record<NameGroup, { given: string[]; family: string[] }> = {
  en: { given: ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Susan', 'Sarah', 'Daniel', 'Emily', 'Thomas', 'Rachel', 'Andrew'], family: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Clarke', 'Walker', 'Wright', 'Thompson', 'Evans', 'Hughes', 'Patel', 'Murphy', 'Campbell'] },
  es: { given: ['Antonio', 'María', 'José', 'Carmen', 'Manuel', 'Lucía', 'Javier', 'Elena', 'Francisco', 'Isabel', 'Alejandro', 'Laura', 'Pablo', 'Marta', 'Sergio', 'Ana', 'Diego', 'Cristina'], family: ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Álvarez', 'Romero', 'Navarro'] },
  pt: { given: ['João', 'Maria', 'Pedro', 'Ana', 'Lucas', 'Beatriz', 'Gabriel', 'Mariana', 'Rafael', 'Juliana', 'Tiago', 'Fernanda', 'Miguel', 'Carolina', 'Bruno', 'Inês'], family: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Pereira', 'Costa', 'Rodrigues', 'Almeida', 'Nascimento', 'Lima', 'Ferreira', 'Carvalho', 'Gomes', 'Ribeiro', 'Martins', 'Rocha'] },
  fr: { given: ['Jean', 'Marie', 'Pierre', 'Sophie', 'Louis', 'Camille', 'Nicolas', 'Julie', 'François', 'Claire', 'Antoine', 'Isabelle', 'Mathieu', 'Céline', 'Olivier', 'Hélène'], family: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'Garnier', 'Rousseau'] },
  de: { given: ['Thomas', 'Anna', 'Michael', 'Julia', 'Andreas', 'Katharina', 'Stefan', 'Sabine', 'Markus', 'Claudia', 'Jan', 'Laura', 'Matthias', 'Christina', 'Florian', 'Susanne'], family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann'] },
  it: { given: ['Giuseppe', 'Maria', 'Giovanni', 'Anna', 'Marco', 'Giulia', 'Luca', 'Francesca', 'Alessandro', 'Chiara', 'Andrea', 'Sara', 'Matteo', 'Elena', 'Lorenzo', 'Valentina'], family: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Costa', 'Mancini'] },
  nl: { given: ['Jan', 'Anna', 'Pieter', 'Sanne', 'Daan', 'Emma', 'Bram', 'Lotte', 'Thijs', 'Eva', 'Joost', 'Fleur', 'Lucas', 'Marieke'], family: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Peeters', 'Janssens', 'Maes', 'Claes'] },
  ar: { given: ['Mohammed', 'Fatima', 'Ahmed', 'Aisha', 'Omar', 'Mariam', 'Ali', 'Noura', 'Khalid', 'Layla', 'Youssef', 'Huda', 'Hassan', 'Salma', 'Tariq', 'Rania'], family: ['Al-Sayed', 'Haddad', 'Mansour', 'Al-Farsi', 'Khalil', 'Nasser', 'Hamdan', 'Al-Rashid', 'Saleh', 'Abdullah', 'Ibrahim', 'Youssef', 'Al-Qasimi', 'Farouk', 'Zaki', 'Aziz'] },
  zh: { given: ['Wei', 'Fang', 'Lei', 'Xiu Ying', 'Jun', 'Li Na', 'Hao', 'Min', 'Jie', 'Yan', 'Tao', 'Jing', 'Ming', 'Hui', 'Bo', 'Ling'], family: ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Lin', 'Tan', 'Lim'] },
  ja: { given: ['Hiroshi', 'Yuko', 'Takashi', 'Keiko', 'Kenji', 'Naoko', 'Satoshi', 'Akiko', 'Daisuke', 'Yumi', 'Kazuki', 'Emi'], family: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato', 'Yoshida', 'Yamada'] },
  ko: { given: ['Min-jun', 'Seo-yeon', 'Ji-hoon', 'Ji-woo', 'Hyun-woo', 'Soo-jin', 'Dong-hyun', 'Eun-ji', 'Sung-min', 'Hye-jin'], family: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim'] },
  hi: { given: ['Arjun', 'Priya', 'Rahul', 'Ananya', 'Vikram', 'Kavya', 'Amit', 'Sunita', 'Rajesh', 'Neha', 'Sanjay', 'Deepa', 'Karan', 'Meera'], family: ['Sharma', 'Patel', 'Singh', 'Kumar', 'Gupta', 'Reddy', 'Iyer', 'Nair', 'Mehta', 'Rao', 'Joshi', 'Desai', 'Menon', 'Bose'] },
  tr: { given: ['Mehmet', 'Ayşe', 'Mustafa', 'Fatma', 'Ahmet', 'Zeynep', 'Emre', 'Elif', 'Burak', 'Merve', 'Can', 'Selin'], family: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir', 'Arslan', 'Doğan'] },
  pl: { given: ['Piotr', 'Anna', 'Krzysztof', 'Maria', 'Tomasz', 'Katarzyna', 'Paweł', 'Agnieszka', 'Michał', 'Magdalena'], family: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak'] },
  sv: { given: ['Erik', 'Anna', 'Lars', 'Maria', 'Karl', 'Eva', 'Johan', 'Karin', 'Anders', 'Sara'], family: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson'] },
};

const titles: Record<NameGroup, string[]> = {
  en: ['Dr', 'Prof.'],
  es: ['Dr.', 'Dra.', 'Prof.'],
  pt: ['Dr.', 'Dra.', 'Prof.'],
  fr: ['Dr', 'Pr'],
  de: ['Dr. med.', 'Prof. Dr. med.'],
  it: ['Dott.', 'Prof.'],
  nl: ['Dr.', 'Prof. dr.'],
  ar: ['Dr.', 'Prof.'],
  zh: ['Dr', 'Prof.'],
  ja: ['Dr', 'Prof.'],
  ko: ['Dr', 'Prof.'],
  hi: ['Dr', 'Prof.'],
  tr: ['Dr.', 'Prof. Dr.'],
  pl: ['dr n. med.', 'prof. dr hab.'],
  sv: ['Dr', 'Prof.'],
};

/**
 * How common each specialty is in a national workforce (relative), and how a specialty's
 * specialists spread over its sub-specialties (evenly, scaled by these weights).
 */
// prettier-ignore
const specialtyWeights: Record<string, number> = {
  IM: 20, FM: 14, PE: 8, SU: 7, OG: 6, PY: 6, AN: 6, DR: 5, EM: 4, OS: 4, NE: 3, OP: 3, DE: 2.5, OT: 2, UR: 2,
  PA: 2.5, RO: 1.2, NS: 1, TS: 1, VS: 0.8, CRS: 0.5, PS: 1, PM: 1, AI: 0.6, MG: 0.3, NM: 0.4, PV: 0.5, IR: 0.6,
};
// prettier-ignore
const subspecialtyWeights: Record<string, number> = {
  'IM-CARD': 4, 'IM-ONC': 3, 'IM-GI': 3, 'IM-PULM': 2, 'IM-NEPH': 2, 'IM-ENDO': 2, 'IM-HEM': 1.5, 'IM-ID': 1.5,
  'IM-RHEUM': 1.2, 'IM-CCM': 1.5, 'IM-GER': 1, 'IM-ICARD': 1, 'IM-EP': 0.6, 'IM-HF': 0.5, 'IM-HEP': 0.5,
  'IM-SLEEP': 0.4, 'IM-PALL': 0.6, 'IM-ACHD': 0.2,
};

const specialties = specialtyTaxonomy.filter((entry) => entry.parent === null);
const subspecialtiesOf = new Map(
  specialties.map((entry) => [
    entry.code,
    specialtyTaxonomy.filter((candidate) => candidate.parent === entry.code),
  ]),
);
/** The ICD-10 blocks whose mapping names a code (or its parent): what its specialists are experts in. */
const blocksFor = new Map<string, string[]>();
for (const block of icd10Blocks) {
  for (const code of block.specialties) blocksFor.set(code, [...(blocksFor.get(code) ?? []), block.code]);
}

const countryCodes = Object.keys(countries);
const totalCountryWeight = countryCodes.reduce(
  (sum, code) => sum + (countries[code] as CountryProfile).weight,
  0,
);

/**
 * Where a country's workforce departs from the common mix (multipliers of `specialtyWeights`),
 * after the shapes national statistics report: general practice is a large share of doctors where
 * it is the gatekeeper (the United Kingdom, Ireland, the Netherlands, Canada, Australia, France) and
 * a small one where hospital specialists see patients directly (China, Japan, Korea, Turkey, the
 * Gulf states, Egypt, India); paediatrics and obstetrics weigh more where the population is young;
 * psychiatry more in Switzerland, France and the Netherlands. Approximate, and never zero: every
 * specialty exists everywhere.
 */
// prettier-ignore
const countryMix: Record<string, Record<string, number>> = {
  GB: { FM: 2.2, IM: 0.8 }, IE: { FM: 2, IM: 0.8 }, NL: { FM: 2, PY: 1.4 }, CA: { FM: 2.3, IM: 0.8 },
  AU: { FM: 2.3, IM: 0.8 }, FR: { FM: 1.6, PY: 1.4 }, BE: { FM: 1.6 }, SE: { FM: 1.2, PY: 1.2 },
  CH: { PY: 1.8, FM: 0.9 }, DE: { FM: 1.1, IM: 1.1 }, AT: { FM: 1.1, IM: 1.1 },
  US: { FM: 0.9, EM: 1.5, AN: 1.2 }, ES: { FM: 1.3 }, PT: { FM: 1.3 }, IT: { FM: 1, IM: 1.1 }, PL: { FM: 0.8, IM: 1.2 },
  CN: { FM: 0.15, IM: 1.3, SU: 1.4, PE: 1.2 }, JP: { FM: 0.2, IM: 1.4, SU: 1.2 }, KR: { FM: 0.4, IM: 1.3, SU: 1.2 },
  TR: { FM: 0.5, PE: 1.3, OG: 1.2 }, AE: { FM: 0.6, PE: 1.4, OG: 1.4 }, SA: { FM: 0.6, PE: 1.5, OG: 1.4 },
  EG: { FM: 0.5, PE: 1.6, OG: 1.6 }, IN: { FM: 0.4, SU: 1.4, OG: 1.6, PE: 1.4 }, SG: { FM: 1.2 },
  MY: { FM: 0.8, PE: 1.3, OG: 1.3 }, MX: { FM: 0.9, PE: 1.4, OG: 1.4 }, BR: { FM: 0.7, PE: 1.3, OG: 1.5, SU: 1.2 },
  AR: { FM: 0.6, PE: 1.3, OG: 1.3 },
};

/** The relative weight of a specialty in a country's workforce. */
const specialtyWeightIn = (country: string, code: string) =>
  (specialtyWeights[code] ?? 1) * (countryMix[country]?.[code] ?? 1);
const totalSpecialtyWeightOf = new Map(
  countryCodes.map((country) => [
    country,
    specialties.reduce((sum, entry) => sum + specialtyWeightIn(country, entry.code), 0),
  ]),
);

/** A generated specialist: a draft like an imported row, with its place in the run. */
export type GeneratedSpecialist = Omit<SpecialistDraft, 'line' | 'entry'> & { activeReviews: number };

export interface GeneratorOptions {
  seed: number;
  count: number;
}

/** The cities the generator uses: of 50,000+ inhabitants, read once per process. */
let cityCache: Map<string, Place[]> | undefined;
function cities(): Map<string, Place[]> {
  cityCache ??= citiesByCountry(50_000);
  return cityCache;
}

/** Yields the network one specialist at a time, so that a million never sit in memory at once. */
export function* generateNetwork({ seed, count }: GeneratorOptions): Generator<GeneratedSpecialist> {
  const random = seededRandom(seed);
  const places = cities();
  const cityTotals = new Map(
    [...places].map(([country, list]) => [
      country,
      list.reduce((sum, place) => sum + Math.sqrt(place.population), 0),
    ]),
  );
  for (let index = 0; index < count; index += 1) {
    const country = pickWeighted(
      random,
      countryCodes,
      (code) => (countries[code] as CountryProfile).weight,
      totalCountryWeight,
    );
    const profile = countries[country] as CountryProfile;
    const cityList = places.get(country) ?? [];
    // Square root of the population: big cities have more specialists, not proportionally more.
    const city = pickWeighted(
      random,
      cityList,
      (place) => Math.sqrt(place.population),
      cityTotals.get(country),
    );

    const nameGroup = names[profile.names];
    const given = pick(random, nameGroup.given);
    const family = pick(random, nameGroup.family);
    const name =
      profile.names === 'zh' || profile.names === 'ja' || profile.names === 'ko'
        ? `${family} ${given}`
        : `${given} ${family}`;
    const title = pick(random, titles[profile.names]);

    const languages = [profile.languages[0]?.[0] as string];
    for (const [language, share] of profile.languages.slice(1))
      if (random() < share) languages.push(language);

    const specialty = pickWeighted(
      random,
      specialties,
      (entry) => specialtyWeightIn(country, entry.code),
      totalSpecialtyWeightOf.get(country),
    );
    const subs = subspecialtiesOf.get(specialty.code) ?? [];
    const subspecialtyCodes: string[] = [];
    if (subs.length > 0 && random() < profile.subspecialised) {
      subspecialtyCodes.push(
        pickWeighted(random, subs, (entry) => subspecialtyWeights[entry.code] ?? 1).code,
      );
      if (random() < 0.12) {
        const second = pick(random, subs).code;
        if (!subspecialtyCodes.includes(second)) subspecialtyCodes.push(second);
      }
    }
    const expertiseSource = subspecialtyCodes[0] ?? specialty.code;
    const blocks = blocksFor.get(expertiseSource) ?? blocksFor.get(specialty.code) ?? [];
    const conditionCodes: string[] = [];
    for (let taken = 0; taken < 3 && blocks.length > 0; taken += 1) {
      if (taken > 0 && random() < 0.5) break;
      const block = pick(random, blocks);
      if (!conditionCodes.includes(block)) conditionCodes.push(block);
    }

    const licensedCountries = [country];
    for (const neighbour of profile.neighbours) if (random() < 0.12) licensedCountries.push(neighbour);

    const yearsInPractice = 3 + Math.floor(random() * 35);
    const weeklyCapacity = 1 + Math.floor(random() * 8);
    const busy = random();
    const activeReviews = busy < 0.1 ? weeklyCapacity : Math.floor(busy * weeklyCapacity);
    const reviewsCompleted = Math.floor(random() * yearsInPractice * 6);
    const hasRecord = reviewsCompleted > 0;
    // Turnaround skews short with a long tail: 12 h to about 5 days.
    const medianTurnaroundHours = hasRecord ? Math.round((12 + 100 * random() ** 2) * 10) / 10 : null;
    const ratingCount = hasRecord ? Math.min(reviewsCompleted, Math.floor(random() * 40)) : 0;
    const ratingAverage = ratingCount > 0 ? Math.round((3.4 + 1.6 * Math.sqrt(random())) * 100) / 100 : null;
    const institution = pick(random, profile.hospital).replace('{city}', city.name);

    yield {
      name,
      nameKey: nameKey(name),
      title,
      institution,
      institutionKey: nameKey(institution),
      country,
      city: city.name,
      latitude: city.latitude,
      longitude: city.longitude,
      licence: { country, number: `G${seed}-${String(index + 1).padStart(7, '0')}` },
      furtherLicences: [],
      licensedCountries,
      languages,
      specialtyCodes: [specialty.code],
      subspecialtyCodes,
      conditionCodes,
      yearsInPractice,
      acceptsReviews: random() >= 0.08,
      weeklyCapacity,
      activeReviews,
      reviewsCompleted,
      medianTurnaroundHours,
      ratingAverage,
      ratingCount,
      fhirIdentifier: null,
    };
  }
}
