import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** A blob as the sweeper sees it: its key and when it was last written. */
export interface BlobEntry {
  key: string;
  modifiedAt: Date;
}

/**
 * Where encrypted document content lives. A blob is written whole or not at all: `write` hands the
 * caller a sink, and only when the caller's pipeline has finished without error does the blob
 * appear under its key. The store never sees plaintext (the callers seal before writing).
 * The local folder is the default; an S3-compatible store implements the same interface.
 */
export interface BlobStore {
  /** Runs `produce` into a fresh sink; the blob appears under `key` only if it resolves. */
  write(key: string, produce: (sink: Writable) => Promise<void>): Promise<{ bytes: number }>;
  /** The bytes `start` to `end` inclusive (the whole blob when omitted). */
  read(key: string, range?: { start: number; end: number }): Readable;
  size(key: string): Promise<number | undefined>;
  delete(key: string): Promise<void>;
  /** Every blob (for the orphan sweeper); unfinished writes are not listed. */
  list(): AsyncIterable<BlobEntry>;
  /** Removes unfinished writes older than `before` (left by a crash mid-write). */
  removeStaleTemporaries(before: Date): Promise<number>;
}

const KEY = /^[A-Za-z0-9-]{8,64}$/;
/**
 * Blobs are read in chunks of 256 KiB rather than the stream default of 64 KiB: every chunk pays
 * for its trip through the decryption, the hash and whatever the caller pipes it into (the
 * export's zip and encryption). On the export bench (bench/README.md) 1 MiB chunks cost no less
 * CPU per MB than these and doubled the memory the server grew by.
 */
const READ_CHUNK_BYTES = 256 * 1024;
const TEMPORARY = '.incoming';

/** Whether `key` is a blob key: a plain token, never a path. */
export const isBlobKey = (key: string): boolean => KEY.test(key);

export function assertBlobKey(key: string): void {
  // Keys become file names and object names: anything but a plain token could escape the folder.
  if (!isBlobKey(key)) throw new Error('invalid blob key');
}

/**
 * Blobs as files under one folder, spread over 256 subfolders by the key's last two characters
 * (the random end of a UUIDv7). A write goes to `.incoming/`, is fsynced, then renamed into place
 * and the folder fsynced: after a crash a blob is either whole or absent.
 */
export class LocalBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    assertBlobKey(key);
    return path.join(this.root, key.slice(-2).toLowerCase(), key);
  }

  async write(key: string, produce: (sink: Writable) => Promise<void>): Promise<{ bytes: number }> {
    const final = this.pathOf(key);
    const incoming = path.join(this.root, TEMPORARY);
    await mkdir(incoming, { recursive: true, mode: 0o700 });
    await mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
    const temporary = path.join(incoming, `${key}.${randomBytes(6).toString('hex')}`);
    // `flush`: the file is fsynced before it is closed, so the rename publishes durable bytes.
    const sink = createWriteStream(temporary, { flags: 'wx', mode: 0o600, flush: true });
    try {
      await produce(sink);
      if (!sink.writableFinished) throw new Error('the blob sink was not finished');
      if (!sink.closed) await once(sink, 'close');
      await rename(temporary, final);
      await syncFolder(path.dirname(final));
      return { bytes: sink.bytesWritten };
    } catch (error) {
      if (!sink.closed) {
        sink.destroy();
        await once(sink, 'close').catch(() => undefined);
      }
      await rm(temporary, { force: true });
      throw error;
    }
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.pathOf(key), {
      highWaterMark: READ_CHUNK_BYTES,
      ...(range && { start: range.start, end: range.end }),
    });
  }

  async size(key: string): Promise<number | undefined> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<BlobEntry> {
    for (const shard of await readdirOrEmpty(this.root)) {
      if (shard === TEMPORARY) continue;
      const folder = path.join(this.root, shard);
      for (const name of await readdirOrEmpty(folder)) {
        if (!KEY.test(name)) continue;
        const info = await stat(path.join(folder, name)).catch(() => undefined);
        if (info?.isFile()) yield { key: name, modifiedAt: info.mtime };
      }
    }
  }

  async removeStaleTemporaries(before: Date): Promise<number> {
    const incoming = path.join(this.root, TEMPORARY);
    let removed = 0;
    for (const name of await readdirOrEmpty(incoming)) {
      const file = path.join(incoming, name);
      const info = await stat(file).catch(() => undefined);
      if (info && info.mtime < before) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}

async function readdirOrEmpty(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === 'ENOENT' ||
      (error as NodeJS.ErrnoException).code === 'ENOTDIR'
    )
      return [];
    throw error;
  }
}

/** Makes a rename durable: the folder entry itself is flushed. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The documents' blob store of this instance: `DATA_DIR/documents`. */
export function localDocumentBlobs(dataDir: string): LocalBlobStore {
  return new LocalBlobStore(path.join(dataDir, 'documents'));
}
