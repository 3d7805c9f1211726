import { createCipheriv, createDecipheriv, createHash, randomBytes, type Hash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from './blob-store.js';

/**
 * Envelope encryption of documents at rest (AES-256-GCM throughout).
 *
 * Each blob has its own random 32-byte data key. The blob on disk is
 *
 *     "CNSLDOC1" (8 bytes) | IV (12 bytes) | ciphertext | GCM tag (16 bytes)
 *
 * with the first 20 bytes (magic and IV) as additional authenticated data. The tag goes last
 * because it is only known once the whole file has streamed through; a reader fetches it first
 * with a small ranged read.
 *
 * The data key is wrapped by the master key (`DOCUMENT_MASTER_KEY`) and stored beside the
 * metadata (`case_document.wrapped_key`), never beside the blob:
 *
 *     version 0x01 (1 byte) | IV (12 bytes) | encrypted data key (32 bytes) | GCM tag (16 bytes)
 *
 * with the blob's storage key as additional authenticated data, so a wrapped key only opens the
 * blob it was made for. The version byte leaves room for master-key rotation (re-wrap the 61-byte
 * keys; blobs never need rewriting).
 */
const MAGIC = Buffer.from('CNSLDOC1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + IV_BYTES;
const WRAP_VERSION = 0x01;
/** What a blob adds to its plaintext: header and tag. */
export const SEAL_OVERHEAD_BYTES = HEADER_BYTES + TAG_BYTES;

const wrapAad = (storageKey: string) => Buffer.from(`consilium-document-key:${storageKey}`, 'utf8');

export function wrapDataKey(masterKey: Buffer, storageKey: string, dataKey: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  cipher.setAAD(wrapAad(storageKey));
  const encrypted = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([Buffer.from([WRAP_VERSION]), iv, encrypted, cipher.getAuthTag()]);
}

export function unwrapDataKey(masterKey: Buffer, storageKey: string, wrapped: Buffer): Buffer {
  if (wrapped.length !== 1 + IV_BYTES + 32 + TAG_BYTES || wrapped[0] !== WRAP_VERSION) {
    throw new IntegrityError('the wrapped data key has an unknown format');
  }
  const decipher = createDecipheriv('aes-256-gcm', masterKey, wrapped.subarray(1, 1 + IV_BYTES));
  decipher.setAAD(wrapAad(storageKey));
  decipher.setAuthTag(wrapped.subarray(1 + IV_BYTES + 32));
  try {
    return Buffer.concat([
      decipher.update(wrapped.subarray(1 + IV_BYTES, 1 + IV_BYTES + 32)),
      decipher.final(),
    ]);
  } catch {
    throw new IntegrityError('the data key does not open with this master key');
  }
}

/** Content that does not verify: tampered, truncated, or opened with the wrong key. */
export class IntegrityError extends Error {
  override name = 'IntegrityError';
}

export interface Sealed {
  wrappedKey: Buffer;
  /** Size of the plaintext. */
  sizeBytes: number;
  /** SHA-256 of the plaintext, hex. */
  sha256: string;
}

/** Encrypts and hashes a stream on its way to the store, never holding more than a chunk. */
class Sealer extends Transform {
  private readonly cipher;
  private readonly hash: Hash = createHash('sha256');
  plaintextBytes = 0;

  constructor(dataKey: Buffer) {
    super();
    const iv = randomBytes(IV_BYTES);
    const header = Buffer.concat([MAGIC, iv]);
    this.cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    this.cipher.setAAD(header);
    this.push(header);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.plaintextBytes += chunk.length;
    this.hash.update(chunk);
    done(null, this.cipher.update(chunk));
  }

  override _flush(done: TransformCallback): void {
    this.push(this.cipher.final());
    this.push(this.cipher.getAuthTag());
    done();
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/**
 * Streams `source` through `stages` (checks of the caller: type sniffing, limits), encrypts it with
 * a fresh data key and writes it to the store under `storageKey`. Any failure leaves no blob.
 */
export async function sealToStore(
  blobs: BlobStore,
  input: {
    storageKey: string;
    masterKey: Buffer;
    source: Readable;
    stages?: Transform[];
    /** Last word before the blob is kept (for example: did the upload arrive whole?). */
    beforeCommit?: () => void;
  },
): Promise<Sealed> {
  const dataKey = randomBytes(32);
  const sealer = new Sealer(dataKey);
  await blobs.write(input.storageKey, async (sink) => {
    await pipeline([input.source, ...(input.stages ?? []), sealer, sink]);
    input.beforeCommit?.();
  });
  const wrappedKey = wrapDataKey(input.masterKey, input.storageKey, dataKey);
  dataKey.fill(0);
  return { wrappedKey, sizeBytes: sealer.plaintextBytes, sha256: sealer.digest() };
}

/**
 * Decrypts and verifies as it streams. The last chunk is held back until the GCM tag, the
 * SHA-256 and the size have all been checked, so that a reader never receives the whole of a
 * content that does not verify: on a mismatch the stream errors instead of ending.
 */
class Opener extends Transform {
  private readonly hash = createHash('sha256');
  private held: Buffer | null = null;
  private bytes = 0;

  constructor(
    private readonly decipher: ReturnType<typeof createDecipheriv>,
    private readonly expected: { sha256: string; sizeBytes: number },
  ) {
    super();
  }

  private pass(plaintext: Buffer): void {
    if (plaintext.length === 0) return;
    this.bytes += plaintext.length;
    this.hash.update(plaintext);
    if (this.held) this.push(this.held);
    this.held = plaintext;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pass(this.decipher.update(chunk));
    done();
  }

  override _flush(done: TransformCallback): void {
    try {
      this.pass(this.decipher.final());
    } catch {
      done(new IntegrityError('the content does not match its authentication tag'));
      return;
    }
    if (this.bytes !== this.expected.sizeBytes || this.hash.digest('hex') !== this.expected.sha256) {
      done(new IntegrityError('the content does not match its recorded SHA-256'));
      return;
    }
    if (this.held) this.push(this.held);
    done();
  }
}

async function readRange(blobs: BlobStore, key: string, start: number, end: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of blobs.read(key, { start, end })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Opens a sealed blob as a plaintext stream that verifies as it goes (see `Opener`). Rejects at
 * once when the blob is missing, too short or its key does not unwrap.
 */
export async function openFromStore(
  blobs: BlobStore,
  input: {
    storageKey: string;
    masterKey: Buffer;
    wrappedKey: Buffer;
    expected: { sha256: string; sizeBytes: number };
  },
): Promise<Readable> {
  const size = await blobs.size(input.storageKey);
  if (size === undefined) throw new IntegrityError('the blob is missing');
  if (size < SEAL_OVERHEAD_BYTES) throw new IntegrityError('the blob is too short');
  const header = await readRange(blobs, input.storageKey, 0, HEADER_BYTES - 1);
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new IntegrityError('the blob has no header');
  const tag = await readRange(blobs, input.storageKey, size - TAG_BYTES, size - 1);
  const dataKey = unwrapDataKey(input.masterKey, input.storageKey, input.wrappedKey);
  const decipher = createDecipheriv('aes-256-gcm', dataKey, header.subarray(MAGIC.length));
  dataKey.fill(0);
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  const opener = new Opener(decipher, input.expected);
  const body =
    size > SEAL_OVERHEAD_BYTES
      ? blobs.read(input.storageKey, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 })
      : Readable.from([]);
  body.on('error', (error) => opener.destroy(error));
  return body.pipe(opener);
}
