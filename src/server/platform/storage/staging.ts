import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileConfigstore, FileStore } from '@tus/file-store';
import { ERRORS, type DataStore, type KvStore, type Upload } from '@tus/server';

/**
 * The staging area of resumable (tus) uploads, encrypted like the documents themselves: an
 * unfinished upload may sit on disk for up to a day, and it is health data.
 *
 * - Content: AES-256-CTR with a key derived (HKDF-SHA256) from the master key and the upload id.
 *   CTR lets each PATCH encrypt from any offset, so resuming needs no state beyond the file size,
 *   and the ciphertext is exactly as long as the plaintext (the tus offset stays the file size).
 *   CTR has no authentication: that is fine here, because the content is sniffed, hashed and
 *   sealed with AES-256-GCM when the upload finishes, and the staging file is then deleted.
 * - Upload info (`<id>.json`: size, creation date, metadata with the title): AES-256-GCM under a
 *   key derived the same way, so no title is readable on disk.
 */
const BLOCK = 16;

/**
 * A staging area for resumable uploads: the tus server's data store, and what the documents room
 * asks of it besides (the plaintext of a finished upload, and what the sweep needs).
 */
export interface SealedStaging extends DataStore {
  /** The plaintext of an upload, decrypted as it streams. */
  readPlaintext(id: string): Readable;
  /** Ids of every upload in the staging area, finished or not. */
  listUploads(): Promise<string[]>;
  /** When the upload was created; undefined when its info is gone or unreadable. */
  createdAt(id: string): Promise<Date | undefined>;
  /** Removes the upload and whatever is left of it (its info alone, when the content is gone). */
  discard(id: string): Promise<void>;
}

export function derivedKey(masterKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `consilium-tus-staging:${purpose}`, 32));
}

/** A CTR cipher positioned at byte `offset` of the upload's keystream. */
export function ctrAt(key: Buffer, offset: number): ReturnType<typeof createCipheriv> {
  const counter = Buffer.alloc(BLOCK);
  counter.writeBigUInt64BE(BigInt(Math.floor(offset / BLOCK)), 8);
  const cipher = createCipheriv('aes-256-ctr', key, counter);
  const skip = offset % BLOCK;
  if (skip > 0) cipher.update(Buffer.alloc(skip));
  return cipher;
}

export class CtrStream extends Transform {
  constructor(private readonly cipher: ReturnType<typeof createCipheriv>) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    done(null, this.cipher.update(chunk));
  }
  override _flush(done: TransformCallback): void {
    done(null, this.cipher.final());
  }
}

/** Upload info sealed with AES-256-GCM (the upload id as additional data), as base64. */
export function sealUploadInfo(key: Buffer, id: string, value: Upload): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(id, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

/** The upload info `sealUploadInfo` sealed; undefined when it does not open with this key and id. */
export function openUploadInfo(key: Buffer, id: string, sealed: string): Upload | undefined {
  const bytes = Buffer.from(sealed, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(id, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const plain = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Upload;
  } catch {
    return undefined;
  }
}

/** Upload info sealed with AES-256-GCM before it touches the disk. */
class SealedConfigstore implements KvStore<Upload> {
  private readonly inner: FileConfigstore;
  constructor(
    directory: string,
    private readonly key: Buffer,
  ) {
    this.inner = new FileConfigstore(directory) as unknown as FileConfigstore;
  }

  async get(id: string): Promise<Upload | undefined> {
    const stored = (await this.inner.get(id)) as unknown as { sealed?: string } | undefined;
    if (!stored?.sealed) return undefined;
    return openUploadInfo(this.key, id, stored.sealed);
  }

  async set(id: string, value: Upload): Promise<void> {
    await this.inner.set(id, { sealed: sealUploadInfo(this.key, id, value) } as unknown as Upload);
  }

  async delete(id: string): Promise<void> {
    await this.inner.delete(id);
  }

  async list(): Promise<string[]> {
    return this.inner.list ? this.inner.list() : [];
  }
}

/** The staging area in a local folder (`DATA_DIR/uploads`): one file per upload, written in place. */
export class SealedStagingStore extends FileStore implements SealedStaging {
  private readonly contentKeyBase: Buffer;

  constructor(options: { directory: string; masterKey: Buffer; expirationPeriodInMilliseconds?: number }) {
    super({
      directory: options.directory,
      configstore: new SealedConfigstore(options.directory, derivedKey(options.masterKey, 'info')),
      expirationPeriodInMilliseconds: options.expirationPeriodInMilliseconds,
    });
    this.contentKeyBase = options.masterKey;
  }

  private contentKey(id: string): Buffer {
    return derivedKey(this.contentKeyBase, `content:${id}`);
  }

  private fileOf(id: string): string {
    // Ids are made by the tus server (hex); anything else could name a file outside the folder.
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw ERRORS.FILE_NOT_FOUND;
    return path.join(this.directory, id);
  }

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const target = createWriteStream(this.fileOf(id), { flags: 'r+', start: offset });
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(readable, counter, new CtrStream(ctrAt(this.contentKey(id), offset)), target);
    } catch {
      throw ERRORS.FILE_WRITE_ERROR;
    }
    return offset + received;
  }

  /** The plaintext of an upload, decrypted as it streams. */
  readPlaintext(id: string): Readable {
    const file = createReadStream(this.fileOf(id));
    const plain = new CtrStream(ctrAt(this.contentKey(id), 0));
    file.on('error', (error) => plain.destroy(error));
    return file.pipe(plain);
  }

  /** Ids of every upload in the staging area, finished or not. */
  async listUploads(): Promise<string[]> {
    return this.configstore.list ? this.configstore.list() : [];
  }

  async createdAt(id: string): Promise<Date | undefined> {
    const info = await this.configstore.get(id);
    const created = info?.creation_date ? new Date(info.creation_date) : undefined;
    return created && !Number.isNaN(created.getTime()) ? created : undefined;
  }

  async discard(id: string): Promise<void> {
    await this.remove(id).catch(() => this.configstore.delete(id).catch(() => undefined));
  }
}
