import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { sendProblem } from './problem.js';

const safeMethods: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * One rule against cross-site writes, for the sign-in routes and the API alike: a request that may
 * change something (any method but GET, HEAD and OPTIONS), at any address, must carry an `Origin` that is
 * one of ours. Browsers send `Origin` on every such request, so our own pages always pass; a page of
 * another site (a sibling subdomain included) is refused, and so is a request with no `Origin` or
 * `Origin: null` (a sandboxed frame, a redirect), whatever cookies it carries. A multipart form
 * needs no preflight, so this check, not CORS, is what keeps another site from writing.
 */
export function sameOriginWrites(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (safeMethods.has(request.method)) return;
    const origin = request.headers.origin;
    if (typeof origin === 'string' && allowed.has(origin)) return;
    return sendProblem(request, reply, new AppError('request.origin_not_allowed'));
  };
}
