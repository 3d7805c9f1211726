import type { Room } from '../../room.js';
import { caseEnded } from '../cases/index.js';
import { cancelOpenPreauthorisations } from './preauthorisations.js';
import { referralsRoutes } from './routes.js';

/** Referrals to facilities and doctors, their letters, and the pre-authorisations cover assessors decide. */
export const referralsRoom: Room = {
  name: 'referrals',
  routes: referralsRoutes,
  connect() {
    caseEnded.register('referrals', (tx, ctx, caseId) => cancelOpenPreauthorisations(tx, ctx, caseId));
  },
};
