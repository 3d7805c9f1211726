import type { ErrorEntry } from './entry.js';

/** The expected failures of the specialists room, each with its stable code (see ../errors.ts). */
export const specialistsErrors = {
  'specialist_import.rejected': {
    status: 422,
    title: 'Nothing was imported: the report lists every row or entry that was refused and why.',
  },
  'specialist_match.unknown_condition': {
    status: 422,
    title: 'No specialty of the network treats this condition code.',
  },
} as const satisfies Record<string, ErrorEntry>;
