import type { RequestContext } from './context.js';
import type { AccessDenial } from './errors.js';
import { createHook } from './hooks.js';

/**
 * A request was refused access to a record (an `AppError` carrying a denial). Run by the error
 * handler after the use case's transaction has rolled back; the audit room records it.
 */
export const accessRefused = createHook<[RequestContext, AccessDenial]>();
