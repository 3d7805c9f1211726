import type { ErrorEntry } from './entry.js';

/** The expected failures of the messaging room, each with its stable code (see ../errors.ts). */
export const messagingErrors = {
  'message.unknown': { status: 422, title: 'This message does not belong to this case.' },
} as const satisfies Record<string, ErrorEntry>;
