import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { PassThrough, Transform, type Readable, type TransformCallback, type Writable } from 'node:stream';
import { assertBlobKey, isBlobKey, type BlobEntry, type BlobStore } from './blob-store.js';
import { isMissing, isNotImplemented, objectStoreClient, type ObjectStoreSettings } from './object-store.js';

/** Part size of a streamed write: the bytes held in memory per part (two in flight). */
const PART_BYTES = 8 * 1024 * 1024;

/** The sink a producer writes into: counts what passes on to the upload. */
class CountingSink extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/**
 * Blobs as objects `<prefix>documents/<key>` in an S3-compatible bucket. A write streams into a
 * multipart upload (or a single PUT when small) that the store publishes only when it completes:
 * a failed or abandoned write leaves no object, as with the local folder. The store never sees
 * plaintext (the callers seal before writing).
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly folder: string;

  constructor(private readonly settings: ObjectStoreSettings) {
    this.client = objectStoreClient(settings);
    this.folder = `${settings.prefix}documents/`;
  }

  private objectKey(key: string): string {
    assertBlobKey(key);
    return `${this.folder}${key}`;
  }

  async write(key: string, produce: (sink: Writable) => Promise<void>): Promise<{ bytes: number }> {
    const sink = new CountingSink();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: this.objectKey(key), Body: sink },
      partSize: PART_BYTES,
      queueSize: 2,
      leavePartsOnError: false,
    });
    const published = upload.done();
    // Watched from the start: a store that refuses the first part must not leave an unhandled rejection.
    published.catch(() => undefined);
    try {
      await produce(sink);
      if (!sink.writableFinished) throw new Error('the blob sink was not finished');
      await published;
      return { bytes: sink.bytes };
    } catch (error) {
      await upload.abort().catch(() => undefined);
      sink.destroy();
      // The producer may fail after its last byte (an upload that did not arrive whole), when the
      // store has already published the object: then it is removed.
      const landed = await published.then(
        () => true,
        () => false,
      );
      if (landed) await this.delete(key);
      throw error;
    }
  }

  read(key: string, range?: { start: number; end: number }): Readable {
    const out = new PassThrough();
    const request = new GetObjectCommand({
      Bucket: this.settings.bucket,
      Key: this.objectKey(key),
      ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
    });
    this.client.send(request).then(
      (answer) => {
        const body = answer.Body as Readable | undefined;
        if (!body) return out.end();
        body.on('error', (error) => out.destroy(error));
        out.on('close', () => body.destroy());
        body.pipe(out);
      },
      (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    return out;
  }

  async size(key: string): Promise<number | undefined> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }),
      );
      return head.ContentLength;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }),
    );
  }

  async *list(): AsyncIterable<BlobEntry> {
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.settings.bucket, Prefix: this.folder },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(this.folder.length) ?? '';
        if (!isBlobKey(key) || !object.LastModified) continue;
        yield { key, modifiedAt: object.LastModified };
      }
    }
  }

  /**
   * Aborts multipart uploads of blobs begun before `before` and never completed (a process killed
   * mid-write). A store that does not list multipart uploads answers 0: give its bucket a
   * lifecycle rule that aborts incomplete multipart uploads after a day (docs/operations.md).
   */
  async removeStaleTemporaries(before: Date): Promise<number> {
    let removed = 0;
    try {
      let keyMarker: string | undefined;
      let uploadIdMarker: string | undefined;
      do {
        const page = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.settings.bucket,
            Prefix: this.folder,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        );
        for (const upload of page.Uploads ?? []) {
          if (!upload.Key || !upload.UploadId || !upload.Initiated || upload.Initiated >= before) continue;
          await this.client.send(
            new AbortMultipartUploadCommand({
              Bucket: this.settings.bucket,
              Key: upload.Key,
              UploadId: upload.UploadId,
            }),
          );
          removed += 1;
        }
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
      } while (keyMarker);
    } catch (error) {
      if (isNotImplemented(error)) return removed;
      throw error;
    }
    return removed;
  }
}
