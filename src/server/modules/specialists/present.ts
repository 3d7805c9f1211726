import type { Specialist } from '../../../shared/specialists.js';
import type * as repo from './repo.js';

/** A specialist's record in the network, with what is left of their capacity and their record of reviews. */
type SpecialistRow = NonNullable<Awaited<ReturnType<typeof repo.findSpecialist>>>;

export function presentSpecialist(
  row: SpecialistRow,
  licences: { country: string; number: string }[],
): Specialist {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    title: row.title,
    institution: row.institution,
    country: row.country,
    city: row.city,
    latitude: row.latitude,
    longitude: row.longitude,
    licensedCountries: row.licensedCountries,
    languages: row.languages,
    specialtyCodes: row.specialtyCodes,
    subspecialtyCodes: row.subspecialtyCodes,
    conditionCodes: row.conditionCodes,
    yearsInPractice: row.yearsInPractice,
    acceptsReviews: row.acceptsReviews,
    weeklyCapacity: row.weeklyCapacity,
    activeReviews: row.activeReviews,
    capacityLeft: Math.max(0, row.weeklyCapacity - row.activeReviews),
    record: {
      reviewsCompleted: row.reviewsCompleted,
      medianTurnaroundHours: row.medianTurnaroundHours,
      ratingAverage: row.ratingAverage,
      ratingCount: row.ratingCount,
    },
    licences: licences.map(({ country, number }) => ({ country, number })),
    fhirIdentifier: row.fhirIdentifier,
    source: row.source,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
