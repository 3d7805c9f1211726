/** The messaging room's public face: the threads of cases as other rooms may use them. */
export { eraseMessagesOfCases, messagesOfCases } from './erasure.js';
