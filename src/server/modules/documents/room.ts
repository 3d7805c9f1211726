import type { Room } from '../../room.js';
import { documentRoutes } from './routes.js';
import { defineDocumentJobs } from './service.js';

/** A case's records: uploads (resumable too), record requests and the consent to share. */
export const documentsRoom: Room = { name: 'documents', routes: documentRoutes, jobs: defineDocumentJobs };
