import type { PreauthorisationStatus, ReferralUrgency } from '../../../shared/referrals.js';

/** Each state and urgency in words; written out so that the catalogue test sees every key. */
export const preauthorisationStatusKey = {
  pending: 'referrals.preauth.status.pending',
  information_requested: 'referrals.preauth.status.information_requested',
  awaiting_second_approval: 'referrals.preauth.status.awaiting_second_approval',
  approved: 'referrals.preauth.status.approved',
  declined: 'referrals.preauth.status.declined',
  cancelled: 'referrals.preauth.status.cancelled',
} as const satisfies Record<PreauthorisationStatus, string>;

export const urgencyKey = {
  routine: 'referrals.urgency.routine',
  soon: 'referrals.urgency.soon',
  urgent: 'referrals.urgency.urgent',
} as const satisfies Record<ReferralUrgency, string>;

/**
 * Links that open a facility's place without loading any map here: a `geo:` URI (RFC 5870) that
 * the phone hands to its own map application, and OpenStreetMap's page for the point.
 */
export function mapLinks(point: { latitude: number; longitude: number }): { geo: string; osm: string } {
  const lat = point.latitude.toFixed(6);
  const lon = point.longitude.toFixed(6);
  return {
    geo: `geo:${lat},${lon}`,
    osm: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`,
  };
}

/** An amount typed in whole units (with decimals), as minor units of the currency. */
export function toMinorUnits(value: number, digits: number): number {
  return Math.round(value * 10 ** digits);
}
