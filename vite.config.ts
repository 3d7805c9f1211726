import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, minifySync, type Plugin } from 'vite';
import { compileCatalogue } from './src/web/i18n/compile.js';

/**
 * The web app: built into dist/web (served by the Fastify server), or served by Vite with hot
 * reload in `npm run dev`, which forwards /api to the server on API_PORT (3000 by default).
 */
const apiTarget = `http://localhost:${process.env.API_PORT ?? '3000'}`;

/**
 * Writes a .br and a .gz beside every text asset, once, at build time; the server sends them to
 * browsers that accept them (@fastify/static `preCompressed`), so nothing is compressed per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'consilium-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
          entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
        );
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|webmanifest)$/.test(file)) continue;
        const content = readFileSync(file);
        if (content.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

/**
 * The service worker's cache is named after the build (`__BUILD_ID__` in public/sw.js), so that a
 * new release's worker deletes the caches of the old ones and their hashed assets with them. The id
 * is a hash of the bundle's file names, which carry their contents' hashes: a build of the same
 * sources keeps the same caches.
 */
function serviceWorkerBuildId(): Plugin {
  let outDir = '';
  let buildId = '';
  return {
    name: 'consilium-service-worker-build-id',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    generateBundle(_options, bundle) {
      const hash = createHash('sha256');
      for (const fileName of Object.keys(bundle).sort()) hash.update(fileName).update('\0');
      buildId = hash.digest('hex').slice(0, 16);
    },
    // Before precompress's closeBundle, so that the .gz and .br carry the stamped worker.
    writeBundle() {
      const worker = path.join(outDir, 'sw.js');
      const source = readFileSync(worker, 'utf8');
      if (!source.includes('__BUILD_ID__')) this.error('public/sw.js has no __BUILD_ID__ to stamp');
      writeFileSync(worker, source.replaceAll('__BUILD_ID__', buildId));
    },
  };
}

/**
 * `public/early-reads.js` is copied as it is written, comments and all; every page loads it before
 * anything else, so the build minifies the copy (Vite's own minifier) before it is compressed.
 */
function minifiedEarlyReads(): Plugin {
  let outDir = '';
  return {
    name: 'consilium-minified-early-reads',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    // Before precompress's closeBundle, so that the .gz and .br are of the minified script.
    writeBundle() {
      const script = path.join(outDir, 'early-reads.js');
      const { code, errors } = minifySync('early-reads.js', readFileSync(script, 'utf8'));
      if (errors.length > 0) this.error(`early-reads.js: ${errors.map((error) => error.message).join('; ')}`);
      writeFileSync(script, code);
    },
  };
}

/**
 * The message catalogues reach the browser compiled (src/web/i18n/compiled.ts), so that no ICU
 * parser is shipped: each catalogue file is read, its messages compiled, and handed on as JSON.
 */
function compiledCatalogues(): Plugin {
  const catalogue = /\/src\/web\/i18n\/locales\/[a-z-]+\/([A-Za-z-]+)\.json$/;
  return {
    name: 'consilium-compiled-catalogues',
    enforce: 'pre',
    load(id) {
      const file = id.split('?')[0] ?? id;
      const match = catalogue.exec(file.split(path.sep).join('/'));
      if (!match) return null;
      const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      return JSON.stringify(compileCatalogue(messages, match[1]!));
    },
  };
}

export default defineConfig({
  root: 'src/web',
  publicDir: 'public',
  plugins: [compiledCatalogues(), react(), serviceWorkerBuildId(), minifiedEarlyReads(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // Every supported browser preloads modules itself; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 400,
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    strictPort: true,
    proxy: {
      '/api': {
        target: apiTarget,
        // The API checks that cookie-carrying requests come from its public URL.
        configure: (proxy) => proxy.on('proxyReq', (request) => request.setHeader('origin', apiTarget)),
      },
    },
  },
});
