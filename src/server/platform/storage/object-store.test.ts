import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { Upload } from '@tus/server';
import { chunked, readAll } from '../../../../test/support/streams.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startObjectStore, type TestObjectStore } from '../../../../test/support/s3-server.js';
import { IntegrityError, openFromStore, sealToStore } from './envelope.js';
import { objectStoreClient } from './object-store.js';
import { S3BlobStore } from './s3-blob-store.js';
import { S3SealedStaging } from './s3-staging.js';

// The documents and the staging area of resumable uploads kept in an S3-compatible bucket (a real
// one, s3rver, started by this file): what every instance of the service shares.

let store: TestObjectStore;
beforeAll(async () => {
  store = await startObjectStore();
});
afterAll(() => store.stop());

const masterKey = randomBytes(32);
const key = () => `0190f2c4-0000-7000-8000-${randomBytes(6).toString('hex')}`;

/** What the bucket holds under the service's prefix: the raw objects, as anyone with the bucket sees them. */
async function objectKeys(): Promise<string[]> {
  const listed = await objectStoreClient(store.settings).send(
    new ListObjectsV2Command({ Bucket: store.bucket, Prefix: store.settings.prefix }),
  );
  return (listed.Contents ?? []).map((object) => object.Key!);
}

async function rawObject(objectKey: string): Promise<Buffer> {
  const answer = await objectStoreClient(store.settings).send(
    new GetObjectCommand({ Bucket: store.bucket, Key: objectKey }),
  );
  return Buffer.from(await answer.Body!.transformToByteArray());
}

describe('documents in the object store', () => {
  it('a sealed document goes in and comes out whole; the object is neither the plaintext nor readable without the key', async () => {
    const blobs = new S3BlobStore(store.settings);
    // Larger than one part (8 MiB): the write streams as a multipart upload.
    const content = Buffer.concat([
      Buffer.from('KNOWN-PLAINTEXT '.repeat(1000)),
      randomBytes(9 * 1024 * 1024),
    ]);
    const storageKey = key();
    const sealed = await sealToStore(blobs, { storageKey, masterKey, source: chunked(content, 256 * 1024) });
    expect(sealed.sizeBytes).toBe(content.length);

    const raw = await rawObject(`consilium/documents/${storageKey}`);
    expect(raw.includes(Buffer.from('KNOWN-PLAINTEXT'))).toBe(false);
    const opened = await openFromStore(blobs, {
      storageKey,
      masterKey,
      wrappedKey: sealed.wrappedKey,
      expected: sealed,
    });
    expect((await readAll(opened)).equals(content)).toBe(true);
    await expect(
      openFromStore(blobs, {
        storageKey,
        masterKey: randomBytes(32),
        wrappedKey: sealed.wrappedKey,
        expected: sealed,
      }),
    ).rejects.toBeInstanceOf(IntegrityError);
  });

  it('a write that fails, before or after its last byte, leaves no object', async () => {
    const blobs = new S3BlobStore(store.settings);
    const failing = new Transform({
      transform(_chunk, _encoding, done) {
        done(new Error('refused'));
      },
    });
    const refusedKey = key();
    await expect(
      sealToStore(blobs, {
        storageKey: refusedKey,
        masterKey,
        source: chunked(randomBytes(50_000)),
        stages: [failing],
      }),
    ).rejects.toThrow('refused');
    expect(await blobs.size(refusedKey)).toBeUndefined();

    // The transport's last word comes after every byte went to the store: it still keeps nothing.
    const cutKey = key();
    await expect(
      sealToStore(blobs, {
        storageKey: cutKey,
        masterKey,
        source: chunked(randomBytes(50_000)),
        beforeCommit: () => {
          throw new Error('the upload did not arrive whole');
        },
      }),
    ).rejects.toThrow('did not arrive whole');
    expect(await blobs.size(cutKey)).toBeUndefined();
    expect(await objectKeys()).not.toContain(`consilium/documents/${cutKey}`);
  });

  it('a flipped byte in the bucket is caught before the reader has it all', async () => {
    const blobs = new S3BlobStore(store.settings);
    const content = randomBytes(200_000);
    const storageKey = key();
    const sealed = await sealToStore(blobs, { storageKey, masterKey, source: chunked(content) });
    const objectKey = `consilium/documents/${storageKey}`;
    const tampered = await rawObject(objectKey);
    tampered[100_000] = tampered[100_000]! ^ 0x01;
    await objectStoreClient(store.settings).send(
      new PutObjectCommand({ Bucket: store.bucket, Key: objectKey, Body: tampered }),
    );
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
    expect(received).toBeLessThan(content.length);
  });

  it('the sweeper lists what is there and deletes it; a missing blob has no size and reads as an error', async () => {
    const blobs = new S3BlobStore(store.settings);
    const before = new Date(new Date().getTime() - 600_000);
    const storageKey = key();
    await sealToStore(blobs, { storageKey, masterKey, source: chunked(Buffer.from('x')) });
    const listed: string[] = [];
    for await (const entry of blobs.list()) {
      listed.push(entry.key);
      expect(entry.modifiedAt.getTime()).toBeGreaterThan(before.getTime());
    }
    expect(listed).toContain(storageKey);
    await blobs.delete(storageKey);
    expect(await blobs.size(storageKey)).toBeUndefined();
    await expect(readAll(blobs.read(storageKey))).rejects.toThrow();
    // This store does not list multipart uploads: nothing to abort, and no error.
    expect(await blobs.removeStaleTemporaries(new Date())).toBe(0);
  });

  it('a key that is not a plain token never reaches the bucket', async () => {
    const blobs = new S3BlobStore(store.settings);
    await expect(blobs.size('../secrets')).rejects.toThrow('invalid blob key');
    expect(() => blobs.read('a/b/c/d/e/f/g')).toThrow('invalid blob key');
  });
});

describe('the resumable-upload staging area in the object store', () => {
  const newUpload = (id: string, size: number) =>
    new Upload({
      id,
      size,
      offset: 0,
      metadata: { title: 'Secret title' },
      creation_date: new Date().toISOString(),
    });

  it('PATCHes at any offset on two instances make one upload, sealed at rest, read back whole', async () => {
    const first = new S3SealedStaging(store.settings, masterKey);
    const second = new S3SealedStaging(store.settings, masterKey);
    const content = Buffer.from('STAGED-PLAINTEXT '.repeat(5000));
    const id = randomBytes(16).toString('hex');
    await first.create(newUpload(id, content.length));

    // Three writes at odd offsets, as resumed PATCHes would make them, the middle one on the other instance.
    let offset = 0;
    for (const [instance, end] of [
      [first, 7],
      [second, 40_001],
      [first, content.length],
    ] as const) {
      expect((await instance.getUpload(id)).offset).toBe(offset);
      offset = await instance.write(Readable.from([content.subarray(offset, end)]), id, offset);
    }
    expect(offset).toBe(content.length);
    expect(await second.getUpload(id)).toMatchObject({ offset: content.length, size: content.length });
    expect((await second.getUpload(id)).metadata?.title).toBe('Secret title');

    for (const objectKey of (await objectKeys()).filter((k) => k.includes(id))) {
      const raw = await rawObject(objectKey);
      expect(raw.includes(Buffer.from('STAGED'))).toBe(false);
      expect(raw.toString('latin1')).not.toContain('Secret');
    }
    expect((await readAll(second.readPlaintext(id))).equals(content)).toBe(true);
  });

  it('a PATCH cut off mid-way keeps what arrived: the client resumes where the server stopped hearing it', async () => {
    const staging = new S3SealedStaging(store.settings, masterKey);
    const id = randomBytes(16).toString('hex');
    const content = randomBytes(6 * 1024 * 1024);
    await staging.create(newUpload(id, content.length));
    const offset = await staging.write(Readable.from([content.subarray(0, 30_000)]), id, 0);

    // 5 MiB arrive (one whole piece of 4 MiB and a part of the next), then the connection breaks.
    const cut = new Readable({ read() {} });
    cut.push(content.subarray(30_000, 30_000 + 5 * 1024 * 1024));
    setTimeout(() => cut.destroy(new Error('the connection dropped')), 50);
    await expect(staging.write(cut, id, offset)).rejects.toBeTruthy();
    const resumed = (await staging.getUpload(id)).offset;
    expect(resumed).toBe(30_000 + 5 * 1024 * 1024);

    await staging.write(Readable.from([content.subarray(resumed)]), id, resumed);
    expect((await readAll(staging.readPlaintext(id))).equals(content)).toBe(true);
  });

  it('the sweep finds every upload and when it began, and discards one whole', async () => {
    const staging = new S3SealedStaging(store.settings, masterKey);
    const id = randomBytes(16).toString('hex');
    const began = new Date('2026-03-01T08:00:00Z');
    await staging.create(
      new Upload({ id, size: 10, offset: 0, metadata: {}, creation_date: began.toISOString() }),
    );
    await staging.write(Readable.from([Buffer.from('12345')]), id, 0);
    expect(await staging.listUploads()).toContain(id);
    expect(await staging.createdAt(id)).toEqual(began);

    await staging.discard(id);
    expect(await staging.listUploads()).not.toContain(id);
    expect((await objectKeys()).filter((k) => k.includes(id))).toEqual([]);
    await expect(staging.getUpload(id)).rejects.toMatchObject({ status_code: 404 });
  });

  it('an upload id that is not a plain token names no object', async () => {
    const staging = new S3SealedStaging(store.settings, masterKey);
    await expect(staging.getUpload('../documents/x')).rejects.toMatchObject({ status_code: 404 });
  });
});
