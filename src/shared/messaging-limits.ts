/** The longest message, in characters after trimming (no zod here: the browser loads this alone). */
export const MESSAGE_MAX_LENGTH = 10_000;
