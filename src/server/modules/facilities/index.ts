/**
 * The facilities room's public face, for the rooms that propose and refer (referrals, the
 * member's side): find facilities near a place or in a country, and read one facility.
 */
export { findFacilities, readFacility } from './service.js';
