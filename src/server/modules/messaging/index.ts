/** The messaging room's public face: the threads of cases as other rooms may read and erase them. */
export { wholeThread as threadOfCase } from './repo.js';
export { eraseMessagesOfCases, messagesOfCases } from './erasure.js';
