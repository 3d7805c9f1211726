import type { Room } from '../../room.js';
import { planRoutes } from './routes.js';

/** The register: insurers, plan products, employers, memberships and members. */
export const plansRoom: Room = { name: 'plans', routes: planRoutes };
