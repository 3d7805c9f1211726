import { v7 as uuidv7 } from 'uuid';
import { specialist } from '../../src/server/modules/specialists/schema.js';
import type { Browser } from './client.js';
import { givenStaffSignedIn, type StaffAccount } from './factories.js';
import type { TestServer } from './server.js';

/** The record a specialist came with (an import), the base their platform reviews add to. */
export interface ImportedRecord {
  reviewsCompleted: number;
  medianTurnaroundHours: number | null;
  ratingAverage: number | null;
  ratingCount: number;
}

export interface SpecialistAtDesk {
  id: string;
  browser: Browser;
  account: StaffAccount;
}

/** A network specialist with a review-desk account, signed in (two-factor on). */
export async function givenSpecialistAtDesk(
  server: TestServer,
  options: {
    name?: string;
    weeklyCapacity?: number;
    acceptsReviews?: boolean;
    specialtyCodes?: string[];
    subspecialtyCodes?: string[];
    record?: ImportedRecord;
  } = {},
): Promise<SpecialistAtDesk> {
  const { browser, account } = await givenStaffSignedIn(server, 'specialist');
  const id = await givenNetworkSpecialist(server, { ...options, userId: account.userId });
  return { id, browser, account };
}

/** A specialist of the network, with or without a desk account. */
export async function givenNetworkSpecialist(
  server: TestServer,
  options: {
    name?: string;
    weeklyCapacity?: number;
    acceptsReviews?: boolean;
    userId?: string;
    specialtyCodes?: string[];
    subspecialtyCodes?: string[];
    record?: ImportedRecord;
  } = {},
): Promise<string> {
  const id = uuidv7();
  const now = server.clock.now();
  const name = options.name ?? `Dr Test ${id.slice(-6)}`;
  await server.runtime.db.insert(specialist).values({
    id,
    userId: options.userId ?? null,
    name,
    nameKey: name.toLowerCase(),
    title: 'Dr',
    institution: 'Hospital Clínic',
    institutionKey: 'hospital clinic',
    country: 'ES',
    city: 'Barcelona',
    latitude: 41.3874,
    longitude: 2.1686,
    licensedCountries: ['ES'],
    languages: ['es', 'en'],
    specialtyCodes: options.specialtyCodes ?? ['IM'],
    subspecialtyCodes: options.subspecialtyCodes ?? [],
    yearsInPractice: 15,
    acceptsReviews: options.acceptsReviews ?? true,
    weeklyCapacity: options.weeklyCapacity ?? 3,
    ...(options.record && {
      ...options.record,
      importedReviewsCompleted: options.record.reviewsCompleted,
      importedMedianTurnaroundHours: options.record.medianTurnaroundHours,
      importedRatingAverage: options.record.ratingAverage,
      importedRatingCount: options.record.ratingCount,
    }),
    source: options.record ? 'csv' : 'manual',
    createdAt: now,
    updatedAt: now,
  });
  return id;
}
