import type { RequestContext } from '../../platform/context.js';
import { allWeek, parseOpeningHours } from './hours.js';
import type { FacilityDraft } from './import.js';
import * as repo from './repo.js';
import { draftToRow, generateFacilities } from './service.js';

/** The generated part of the demo register. */
export const demoRegister = { seed: 2026, count: 3_000 };

const gulfWeek = (written: string) => {
  const periods = parseOpeningHours(written);
  if ('error' in periods) throw new Error(periods.error);
  return periods;
};

/**
 * Facilities the demo's journeys rely on, written out rather than left to the seed: orthopaedic
 * care in Dubai with Arabic-speaking staff that bills the insurer directly (a member in Dubai with
 * a torn ligament is proposed three of them), and one nearby that does not bill directly.
 * Fictional names at real places.
 */
const dubai: Omit<FacilityDraft, 'line' | 'entry'>[] = [
  {
    externalId: 'DEMO-AE-DXB-1',
    name: 'Al Wasl Orthopaedic & Sports Medicine Centre',
    kind: 'clinic',
    address: 'Al Wasl Road 410, Jumeirah 2',
    city: 'Dubai',
    country: 'AE',
    latitude: 25.1972,
    longitude: 55.2388,
    timeZone: 'Asia/Dubai',
    services: ['OS', 'OS-SPORTS', 'PM'],
    languages: ['ar', 'en', 'hi'],
    accreditations: ['JCI', 'DHA'],
    directBilling: true,
    directBillingSince: '2019-03-01',
    openingHours: gulfWeek('Sa-Th 08:00-22:00; Fr 16:00-22:00'),
    phone: '+97143123456',
    email: 'care@alwasl-ortho.example',
    website: 'https://alwasl-ortho.example',
  },
  {
    externalId: 'DEMO-AE-DXB-2',
    name: 'Healthcare City Bone & Joint Hospital',
    kind: 'hospital',
    address: 'Building 64, Dubai Healthcare City, Oud Metha',
    city: 'Dubai',
    country: 'AE',
    latitude: 25.232,
    longitude: 55.323,
    timeZone: 'Asia/Dubai',
    services: ['AN', 'DR', 'EM', 'IM', 'OS', 'OS-HAND', 'OS-JOINT', 'OS-SPORTS'],
    languages: ['ar', 'en', 'ur'],
    accreditations: ['JCI'],
    directBilling: true,
    directBillingSince: '2016-09-01',
    openingHours: allWeek,
    phone: '+97144567890',
    email: 'info@dhcc-bonejoint.example',
    website: 'https://dhcc-bonejoint.example',
  },
  {
    externalId: 'DEMO-AE-DXB-3',
    name: 'Al Barsha Spine and Joint Clinic',
    kind: 'clinic',
    address: 'Street 23, Al Barsha 1',
    city: 'Dubai',
    country: 'AE',
    latitude: 25.1136,
    longitude: 55.196,
    timeZone: 'Asia/Dubai',
    services: ['NS', 'NS-SPINE', 'OS', 'OS-JOINT', 'PM'],
    languages: ['ar', 'en', 'tl'],
    accreditations: ['DHA'],
    directBilling: true,
    directBillingSince: '2021-01-01',
    openingHours: gulfWeek('Sa-Th 09:00-21:00'),
    phone: '+97143987654',
    email: 'hello@barsha-spine.example',
    website: 'https://barsha-spine.example',
  },
  {
    externalId: 'DEMO-AE-DXB-4',
    name: 'Deira Orthopaedic Day Surgery',
    kind: 'clinic',
    address: 'Al Maktoum Road 12, Deira',
    city: 'Dubai',
    country: 'AE',
    latitude: 25.2697,
    longitude: 55.3095,
    timeZone: 'Asia/Dubai',
    services: ['AN', 'OS', 'OS-SPORTS'],
    languages: ['ar', 'en', 'fa'],
    accreditations: [],
    directBilling: false,
    directBillingSince: null,
    openingHours: gulfWeek('Sa-Th 07:30-19:00'),
    phone: '+97142345678',
    email: 'desk@deira-daysurgery.example',
    website: 'https://deira-daysurgery.example',
  },
];

/** The demo's register: a few thousand generated facilities and the Dubai ones above. */
export async function seedDemoFacilities(ctx: RequestContext): Promise<void> {
  await generateFacilities(ctx, demoRegister);
  await ctx.db.transaction(async (tx) => {
    await repo.insertFacilities(
      tx,
      dubai.map((draft) => draftToRow(draft, null, 'manual')),
      ctx.clock.now(),
    );
  });
}
