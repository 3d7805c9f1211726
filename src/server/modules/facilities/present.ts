import type { Facility } from '../../../shared/facilities.js';
import { presentPhone } from '../../platform/phone.js';
import type { FacilityRow } from './repo.js';

/** A facility of the register as every reader sees it (nothing in it is anyone's personal data). */
export function presentFacility(row: FacilityRow): Facility {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    kind: row.kind,
    address: row.address,
    city: row.city,
    country: row.country,
    latitude: row.latitude,
    longitude: row.longitude,
    timeZone: row.timeZone,
    services: row.services,
    languages: row.languages,
    accreditations: row.accreditations,
    directBilling: row.directBilling,
    directBillingSince: row.directBillingSince,
    openingHours: row.openingHours,
    phone: presentPhone(row.phone),
    email: row.email,
    website: row.website,
    source: row.source,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
