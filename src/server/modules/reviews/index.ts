/** The reviews room's public face: the specialist opinions of a case as other rooms may read them. */
export { latestOpinionsOfCase as opinionsOfCase, type OpinionRow } from './repo.js';
