import type { Room } from '../../room.js';
import { recommendationsDelivered } from '../cases/index.js';
import { feedbackRoutes } from './routes.js';
import { inviteToRate } from './service.js';

/** Members' reviews of the service, their moderation, and the public page with the rating. */
export const feedbackRoom: Room = {
  name: 'feedback',
  routes: feedbackRoutes,
  connect() {
    recommendationsDelivered.register('feedback', (tx, ctx, kase) => inviteToRate(tx, ctx, kase));
  },
};
