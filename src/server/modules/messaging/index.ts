/** The messaging room's public face: the thread of a case as other rooms may read it. */
export { wholeThread as threadOfCase } from './repo.js';
