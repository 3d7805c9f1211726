import type { Room } from '../../room.js';
import { referralsRoutes } from './routes.js';

/** Referrals to facilities and doctors, their letters, and the pre-authorisations cover assessors decide. */
export const referralsRoom: Room = { name: 'referrals', routes: referralsRoutes };
