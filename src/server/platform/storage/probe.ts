import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from './blob-store.js';

const PROBE = Buffer.from('readiness probe\n');

/**
 * Whether the store takes a write, gives back its size and lets it go: a small blob of this
 * instance's own (never a document), written, measured and deleted. Throws what the store threw.
 */
export async function probeBlobStore(store: BlobStore): Promise<void> {
  const key = `readiness-probe-${randomBytes(8).toString('hex')}`;
  try {
    await store.write(key, (sink) => pipeline(Readable.from([PROBE]), sink));
    const size = await store.size(key);
    if (size !== PROBE.length) throw new Error(`the probe came back with ${size ?? 'no'} bytes`);
  } finally {
    await store.delete(key).catch(() => undefined);
  }
}
