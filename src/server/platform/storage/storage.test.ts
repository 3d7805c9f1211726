import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { chunked, readAll } from '../../../../test/support/streams.js';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalBlobStore } from './blob-store.js';
import { IntegrityError, openFromStore, sealToStore, SEAL_OVERHEAD_BYTES } from './envelope.js';
import { SealedStagingStore } from './staging.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'consilium-storage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const masterKey = randomBytes(32);
const blobs = new LocalBlobStore(path.join(root, 'blobs'));
const key = () => `0190f2c4-0000-7000-8000-${randomBytes(6).toString('hex')}`;

describe('sealed blobs', () => {
  it('round-trip: what goes in comes out, and the file on disk is neither the plaintext nor its size', async () => {
    const content = Buffer.concat([Buffer.from('KNOWN-PLAINTEXT '.repeat(1000)), randomBytes(100_000)]);
    const storageKey = key();
    const sealed = await sealToStore(blobs, { storageKey, masterKey, source: chunked(content) });
    expect(sealed.sizeBytes).toBe(content.length);
    expect(await blobs.size(storageKey)).toBe(content.length + SEAL_OVERHEAD_BYTES);
    const onDisk = readFileSync(path.join(blobs.root, storageKey.slice(-2), storageKey));
    expect(onDisk.includes(Buffer.from('KNOWN-PLAINTEXT'))).toBe(false);
    const opened = await openFromStore(blobs, {
      storageKey,
      masterKey,
      wrappedKey: sealed.wrappedKey,
      expected: sealed,
    });
    expect((await readAll(opened)).equals(content)).toBe(true);
  });

  it('a failing stage leaves no blob and no unfinished write', async () => {
    const storageKey = key();
    const failing = new Transform({
      transform(_chunk, _encoding, done) {
        done(new Error('refused'));
      },
    });
    await expect(
      sealToStore(blobs, { storageKey, masterKey, source: chunked(randomBytes(50_000)), stages: [failing] }),
    ).rejects.toThrow('refused');
    expect(await blobs.size(storageKey)).toBeUndefined();
    expect(readdirSync(path.join(blobs.root, '.incoming'))).toEqual([]);
  });

  it('a flipped byte, another master key or a swapped wrapped key is refused', async () => {
    const content = randomBytes(200_000);
    const storageKey = key();
    const sealed = await sealToStore(blobs, { storageKey, masterKey, source: chunked(content) });
    const file = path.join(blobs.root, storageKey.slice(-2), storageKey);

    await expect(
      openFromStore(blobs, {
        storageKey,
        masterKey: randomBytes(32),
        wrappedKey: sealed.wrappedKey,
        expected: sealed,
      }),
    ).rejects.toBeInstanceOf(IntegrityError);
    const other = key();
    const otherSealed = await sealToStore(blobs, { storageKey: other, masterKey, source: chunked(content) });
    await expect(
      openFromStore(blobs, { storageKey, masterKey, wrappedKey: otherSealed.wrappedKey, expected: sealed }),
    ).rejects.toBeInstanceOf(IntegrityError);

    const tampered = readFileSync(file);
    tampered[100_000] = tampered[100_000]! ^ 0x01;
    writeFileSync(file, tampered);
    const opened = await openFromStore(blobs, {
      storageKey,
      masterKey,
      wrappedKey: sealed.wrappedKey,
      expected: sealed,
    });
    let received = 0;
    await expect(
      (async () => {
        for await (const chunk of opened) received += (chunk as Buffer).length;
      })(),
    ).rejects.toBeInstanceOf(IntegrityError);
    // The last chunk is held back until everything verified: the reader never gets it all.
    expect(received).toBeLessThan(content.length);
  });

  it('lists blobs for the sweeper, and deletes them', async () => {
    const storageKey = key();
    await sealToStore(blobs, { storageKey, masterKey, source: chunked(Buffer.from('x')) });
    const keys: string[] = [];
    for await (const entry of blobs.list()) keys.push(entry.key);
    expect(keys).toContain(storageKey);
    await blobs.delete(storageKey);
    expect(await blobs.size(storageKey)).toBeUndefined();
  });
});

describe('the resumable-upload staging area', () => {
  it('encrypts content written at any offset and reads it back whole; upload info is sealed too', async () => {
    const directory = path.join(root, 'staging');
    const store = new SealedStagingStore({ directory, masterKey });
    const content = Buffer.from('STAGED-PLAINTEXT '.repeat(5000));
    const { Upload } = await import('@tus/server');
    await store.create(
      new Upload({ id: 'abc123', size: content.length, offset: 0, metadata: { title: 'Secret title' } }),
    );
    // Three writes at odd offsets, as resumed PATCHes would make them.
    let offset = 0;
    for (const end of [7, 40_001, content.length]) {
      offset = await store.write(Readable.from([content.subarray(offset, end)]), 'abc123', offset);
    }
    expect(offset).toBe(content.length);
    expect(readFileSync(path.join(directory, 'abc123')).includes(Buffer.from('STAGED'))).toBe(false);
    expect(readFileSync(path.join(directory, 'abc123.json'), 'utf8')).not.toContain('Secret');
    expect((await readAll(store.readPlaintext('abc123'))).equals(content)).toBe(true);
    expect((await store.getUpload('abc123')).metadata?.title).toBe('Secret title');
  });
});
