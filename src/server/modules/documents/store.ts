import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../config.js';
import type { DocumentKind, DocumentMediaType } from '../../../shared/documents.js';
import { AppError } from '../../platform/errors.js';
import { localDocumentBlobs, type BlobStore } from '../../platform/storage/blob-store.js';
import { openFromStore, sealToStore, type Sealed } from '../../platform/storage/envelope.js';
import { S3BlobStore } from '../../platform/storage/s3-blob-store.js';
import { S3SealedStaging } from '../../platform/storage/s3-staging.js';
import { SealedStagingStore, type SealedStaging } from '../../platform/storage/staging.js';
import { fitsKind, sniffMediaType, SNIFF_BYTES } from './sniff.js';

type StoreSettings = Pick<Config, 'dataDir' | 'objectStore'>;

/** The documents' blob store for this configuration: the object store, or the local folder. */
export const documentBlobs = (config: StoreSettings): BlobStore =>
  config.objectStore ? new S3BlobStore(config.objectStore) : localDocumentBlobs(config.dataDir);

/**
 * The staging area of resumable uploads (the object store's `uploads/`, or `DATA_DIR/uploads`),
 * encrypted with keys derived from the master key. The local folder is made here, synchronously:
 * the tus store would otherwise make it in the background and crash the process on failure.
 */
export function documentStaging(config: StoreSettings & Pick<Config, 'documentMasterKey'>): SealedStaging {
  if (config.objectStore) return new S3SealedStaging(config.objectStore, config.documentMasterKey);
  const directory = path.join(config.dataDir, 'uploads');
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  return new SealedStagingStore({ directory, masterKey: config.documentMasterKey });
}

/**
 * The head of the upload pipeline: holds the first bytes until it can tell the type, refuses a
 * type that does not fit the declared kind before anything reaches the store, then lets the rest
 * through, counting against the size cap.
 */
class TypeGate extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private decided = false;
  private bytes = 0;
  mediaType: DocumentMediaType | null = null;

  constructor(
    private readonly kind: DocumentKind,
    private readonly maxBytes: number,
  ) {
    super();
  }

  private decide(): Error | undefined {
    this.decided = true;
    const head = Buffer.concat(this.head);
    if (head.length === 0) return new AppError('upload.empty');
    const mediaType = sniffMediaType(head);
    if (!mediaType) return new AppError('upload.unrecognised_type');
    if (!fitsKind(this.kind, mediaType)) {
      return new AppError('upload.type_mismatch', { extensions: { mediaType, kind: this.kind } });
    }
    this.mediaType = mediaType;
    this.push(head);
    this.head = [];
    return undefined;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return done(new AppError('upload.too_large'));
    if (this.decided) return done(null, chunk);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) return done();
    done(this.decide());
  }

  override _flush(done: TransformCallback): void {
    done(this.decided ? undefined : this.decide());
  }
}

export interface IngestedContent extends Sealed {
  storageKey: string;
  mediaType: DocumentMediaType;
}

/**
 * Streams an upload into the store: sniff and check the type against the kind, cap the size,
 * hash (SHA-256) and encrypt on the way. Nothing is kept when any step fails, or when
 * `beforeCommit` (the transport's "did it arrive whole?") throws.
 */
export async function ingestContent(
  config: StoreSettings & Pick<Config, 'documentMasterKey' | 'documentMaxBytes'>,
  input: { source: Readable; kind: DocumentKind; beforeCommit?: () => void },
): Promise<IngestedContent> {
  const gate = new TypeGate(input.kind, config.documentMaxBytes);
  const storageKey = uuidv7();
  const sealed = await sealToStore(documentBlobs(config), {
    storageKey,
    masterKey: config.documentMasterKey,
    source: input.source,
    stages: [gate],
    beforeCommit: input.beforeCommit,
  });
  return { ...sealed, storageKey, mediaType: gate.mediaType! };
}

/** The plaintext of a stored document, verified as it streams (tag, SHA-256 and size). */
export function openContent(
  config: StoreSettings & Pick<Config, 'documentMasterKey'>,
  row: { storageKey: string; wrappedKey: Buffer; sha256: string; sizeBytes: number },
): Promise<Readable> {
  return openFromStore(documentBlobs(config), {
    storageKey: row.storageKey,
    masterKey: config.documentMasterKey,
    wrappedKey: row.wrappedKey,
    expected: { sha256: row.sha256, sizeBytes: row.sizeBytes },
  });
}

/** Best effort: the sweeper removes what this misses. */
export async function discardContent(config: StoreSettings, storageKey: string): Promise<void> {
  await documentBlobs(config)
    .delete(storageKey)
    .catch(() => undefined);
}
