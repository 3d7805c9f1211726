/*
 * The case page's panels below the fold, in a chunk of their own that loads once the page is on
 * screen: the records and the upload, recommendations, follow-ups, calls, sharing consent, withdrawal
 * (each in panels/).
 */
export { RecordsPanel } from './panels/RecordsPanel';
export { RecommendationsPanel } from './panels/RecommendationsPanel';
export { FollowUpsPanel } from './panels/FollowUpsPanel';
export { CallsPanel } from './panels/CallsPanel';
export { SharingPanel } from './panels/SharingPanel';
export { WithdrawPanel } from './panels/WithdrawPanel';
