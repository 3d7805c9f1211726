import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppInstance } from '../http/types.js';
import { webDistDir } from './build.js';

/** Vite names every file under /assets by its content hash: it never changes, so it may be kept. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page and the few unhashed files are checked with the server on every use. */
const REVALIDATE = 'no-cache';

export interface WebApp {
  /** Answers an unknown GET with the app's page when it is a client-side route; false otherwise. */
  fallback(request: FastifyRequest, reply: FastifyReply): boolean;
}

const isApiPath = (pathname: string) => pathname === '/api' || pathname.startsWith('/api/');

/**
 * Serves the built web app from `dist/web` at `/`. Paths that are not files and not under /api
 * are the app's own routes (/sign-in, /cases/…): they get index.html, and the app routes them.
 * When there is no build (tests of the API alone), nothing is registered.
 */
export async function registerWebApp(app: AppInstance, root: string = webDistDir): Promise<WebApp | null> {
  if (!existsSync(path.join(root, 'index.html'))) return null;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // One route per file, found at start-up: unknown paths reach the not-found handler below.
    wildcard: false,
    cacheControl: false,
    // The build writes .br and .gz beside each asset; a browser that accepts them gets them.
    preCompressed: true,
    etag: true,
    lastModified: true,
    setHeaders(reply, filePath) {
      const relative = path.relative(root, filePath).split(path.sep).join('/');
      void reply.header('cache-control', relative.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
    },
  });
  return {
    fallback(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const pathname = new URL(request.url, 'http://localhost').pathname;
      // An API path, a missing asset or any file-like name is a real 404, never the page.
      if (isApiPath(pathname) || pathname.startsWith('/assets/') || /\.[A-Za-z0-9]+$/.test(pathname))
        return false;
      void reply.header('cache-control', REVALIDATE).type('text/html; charset=utf-8').sendFile('index.html');
      return true;
    },
  };
}

/**
 * The app's page with something added to its head (structured data a search engine reads without
 * running scripts), for a route that answers with the page itself; null when there is no build.
 */
export async function appPageWithHead(extraHead: string, root: string = webDistDir): Promise<string | null> {
  let page: string;
  try {
    page = await readFile(path.join(root, 'index.html'), 'utf8');
  } catch {
    return null;
  }
  return page.replace('</head>', `${extraHead}\n  </head>`);
}

/** Sends a page made by `appPageWithHead`, checked with the server on every use like the app's own. */
export function sendAppPage(reply: FastifyReply, page: string): FastifyReply {
  return reply.header('cache-control', REVALIDATE).type('text/html; charset=utf-8').send(page);
}
