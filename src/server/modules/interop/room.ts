import type { Room } from '../../room.js';
import { interopRoutes } from './routes.js';

/** The case in standard formats for other systems: the FHIR R4 export (docs/fhir.md). */
export const interopRoom: Room = { name: 'interop', routes: interopRoutes };
