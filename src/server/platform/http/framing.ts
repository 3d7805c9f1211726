import type { FastifyReply } from 'fastify';

/** What a browser shows by itself, without running anything of the file. */
export const viewableInPage: ReadonlySet<string> = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/**
 * Helmet forbids framing everywhere (`frame-ancestors 'none'`). A record the site's own pages show
 * in a frame (the case view, the specialist's desk) relaxes that to this site only, and runs
 * nothing of the file.
 */
export function allowFramingBySelf(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', "default-src 'none'; img-src 'self'; frame-ancestors 'self'")
    .header('x-frame-options', 'SAMEORIGIN');
}
