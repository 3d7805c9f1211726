import {
  DeleteObjectCommand,
  GetObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { DataStore, ERRORS, Upload } from '@tus/server';
import { isMissing, objectStoreClient, type ObjectStoreSettings } from './object-store.js';
import {
  ctrAt,
  CtrStream,
  derivedKey,
  openUploadInfo,
  sealUploadInfo,
  type SealedStaging,
} from './staging.js';

const ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Offsets in chunk names are zero-padded so that the store lists chunks in order. */
const OFFSET_DIGITS = 15;
/** A PATCH is stored in pieces of this size as it arrives: what a broken connection can cost. */
const PIECE_BYTES = 4 * 1024 * 1024;

interface Chunk {
  offset: number;
  size: number;
  key: string;
}

/**
 * The staging area of resumable uploads in an S3-compatible bucket, sealed as the local one is
 * (AES-256-CTR content and AES-256-GCM info under keys derived from the master key and the upload
 * id; see `staging.ts`), laid out so that any instance can take up an upload another began:
 *
 *     <prefix>uploads/<id>/info                  the sealed upload info
 *     <prefix>uploads/<id>/chunk-<offset>        bytes of the upload from <offset> (up to 4 MiB)
 *
 * The offset of an upload is where its chunks stop being contiguous from 0. A PATCH is written
 * in pieces as it arrives, and when its connection breaks the bytes that did arrive are written
 * too, so the client resumes where the server stopped hearing it, as with the local folder.
 * Objects are written once and never changed in place, which any S3-compatible store supports
 * (the tus project's own S3 store needs the listing of a multipart upload's parts, which not every
 * such store offers: decision 0018).
 */
export class S3SealedStaging extends DataStore implements SealedStaging {
  private readonly client: S3Client;
  private readonly folder: string;

  constructor(
    private readonly settings: ObjectStoreSettings,
    private readonly masterKey: Buffer,
  ) {
    super();
    this.client = objectStoreClient(settings);
    this.folder = `${settings.prefix}uploads/`;
    this.extensions = ['creation', 'creation-with-upload', 'creation-defer-length', 'termination'];
  }

  private base(id: string): string {
    // Ids are made by the tus server; anything else could name an object outside the upload.
    if (!ID.test(id)) throw ERRORS.FILE_NOT_FOUND;
    return `${this.folder}${id}/`;
  }

  private infoKey(): Buffer {
    return derivedKey(this.masterKey, 'info');
  }

  private contentKey(id: string): Buffer {
    return derivedKey(this.masterKey, `content:${id}`);
  }

  private async readInfo(id: string): Promise<Upload | undefined> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: `${this.base(id)}info` }),
      );
      const sealed = (await answer.Body?.transformToString('utf8')) ?? '';
      return openUploadInfo(this.infoKey(), id, sealed);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  private async writeInfo(upload: Upload): Promise<void> {
    const sealed = sealUploadInfo(this.infoKey(), upload.id, upload);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: `${this.base(upload.id)}info`,
        Body: sealed,
      }),
    );
  }

  /** The upload's chunks that follow one another from 0, in order. */
  private async chunks(id: string): Promise<Chunk[]> {
    const prefix = `${this.base(id)}chunk-`;
    const listed: Chunk[] = [];
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.settings.bucket, Prefix: prefix },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        const offset = Number(object.Key?.slice(prefix.length));
        if (!object.Key || !Number.isSafeInteger(offset)) continue;
        listed.push({ offset, size: object.Size ?? 0, key: object.Key });
      }
    }
    listed.sort((a, b) => a.offset - b.offset);
    const contiguous: Chunk[] = [];
    let end = 0;
    for (const chunk of listed) {
      if (chunk.offset !== end || chunk.size === 0) continue;
      contiguous.push(chunk);
      end += chunk.size;
    }
    return contiguous;
  }

  override async create(upload: Upload): Promise<Upload> {
    await this.writeInfo(upload);
    return upload;
  }

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    // One keystream for the whole PATCH, positioned at its offset; pieces are slices of it.
    const cipher = ctrAt(this.contentKey(id), offset);
    let pieceStart = offset;
    let held: Buffer[] = [];
    let heldBytes = 0;
    const flush = async () => {
      if (heldBytes === 0) return;
      const key = `${this.base(id)}chunk-${String(pieceStart).padStart(OFFSET_DIGITS, '0')}`;
      await this.client.send(
        new PutObjectCommand({ Bucket: this.settings.bucket, Key: key, Body: Buffer.concat(held) }),
      );
      pieceStart += heldBytes;
      held = [];
      heldBytes = 0;
    };
    try {
      for await (const chunk of readable) {
        const sealed = cipher.update(chunk as Buffer);
        held.push(sealed);
        heldBytes += sealed.length;
        if (heldBytes >= PIECE_BYTES) await flush();
      }
      await flush();
    } catch {
      // The bytes that arrived before the connection broke are the upload's, in order: they are
      // kept, as the local store keeps them, and the client resumes after them.
      await flush().catch(() => undefined);
      throw ERRORS.FILE_WRITE_ERROR;
    }
    return pieceStart;
  }

  override async getUpload(id: string): Promise<Upload> {
    const info = await this.readInfo(id);
    if (!info) throw ERRORS.FILE_NOT_FOUND;
    const chunks = await this.chunks(id);
    const last = chunks.at(-1);
    return new Upload({
      id,
      size: info.size,
      offset: last ? last.offset + last.size : 0,
      metadata: info.metadata,
      creation_date: info.creation_date,
    });
  }

  override async declareUploadLength(id: string, length: number): Promise<void> {
    const info = await this.readInfo(id);
    if (!info) throw ERRORS.FILE_NOT_FOUND;
    await this.writeInfo(new Upload({ ...info, id, size: length }));
  }

  override async remove(id: string): Promise<void> {
    const info = await this.readInfo(id);
    if (!info) throw ERRORS.FILE_NOT_FOUND;
    await this.discard(id);
  }

  /** The plaintext of an upload, chunk after chunk, decrypted as it streams. */
  readPlaintext(id: string): Readable {
    return Readable.from(this.plaintextChunks(id));
  }

  private async *plaintextChunks(id: string): AsyncGenerator<Buffer> {
    for (const chunk of await this.chunks(id)) {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: chunk.key }),
      );
      const plain = new CtrStream(ctrAt(this.contentKey(id), chunk.offset));
      const source = answer.Body as Readable;
      source.on('error', (error) => plain.destroy(error));
      yield* source.pipe(plain);
    }
  }

  async listUploads(): Promise<string[]> {
    const ids: string[] = [];
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.settings.bucket, Prefix: this.folder },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        const match = /^([A-Za-z0-9_-]{1,128})\/info$/.exec(object.Key?.slice(this.folder.length) ?? '');
        if (match) ids.push(match[1]!);
      }
    }
    return ids;
  }

  async createdAt(id: string): Promise<Date | undefined> {
    const info = await this.readInfo(id);
    const created = info?.creation_date ? new Date(info.creation_date) : undefined;
    return created && !Number.isNaN(created.getTime()) ? created : undefined;
  }

  async discard(id: string): Promise<void> {
    const base = this.base(id);
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.settings.bucket, Prefix: base },
    );
    const keys: string[] = [];
    for await (const page of pages)
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    // The info last: an upload whose info is left is found again by the sweep.
    keys.sort((a, b) => Number(a.endsWith('/info')) - Number(b.endsWith('/info')));
    for (const key of keys) {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key }));
    }
  }

  override async deleteExpired(): Promise<number> {
    // Unfinished uploads are swept by the documents room's sweep (`listUploads`, `createdAt`).
    return 0;
  }
}
