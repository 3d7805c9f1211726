import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';

/**
 * An S3-compatible object store (AWS S3, or any server that speaks its API: MinIO, Ceph, Garage,
 * a cloud's own), chosen by the `OBJECT_STORE_*` settings. Documents and the staging area of
 * resumable uploads live under `prefix` in `bucket`, so that every instance of the service sees
 * the same files.
 */
export interface ObjectStoreSettings {
  bucket: string;
  /** The store's address; unset means AWS S3 itself, found from `region`. */
  endpoint: string | undefined;
  region: string;
  /** Unset: the SDK's own chain (environment, instance or task role, profile). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** `bucket` in the path rather than the host name: what most self-hosted stores need. */
  forcePathStyle: boolean;
  /** Put before every key ("consilium/"), so that one bucket can serve several uses. */
  prefix: string;
}

/** One client per settings object: it keeps its connections and signs every request. */
const clients = new WeakMap<ObjectStoreSettings, S3Client>();

export function objectStoreClient(settings: ObjectStoreSettings): S3Client {
  let client = clients.get(settings);
  if (!client) {
    client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
      forcePathStyle: settings.forcePathStyle,
      // Checksums on every request and answer where the store supports them, and not demanded
      // where it does not (several S3-compatible stores predate the flexible checksums).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    clients.set(settings, client);
  }
  return client;
}

/** Whether the store answered that an object (or upload) is not there. */
export function isMissing(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return (
    error.name === 'NoSuchKey' ||
    error.name === 'NotFound' ||
    error.name === 'NoSuchUpload' ||
    error.$metadata.httpStatusCode === 404
  );
}

/** Whether the store does not offer an operation (a smaller S3-compatible server). */
export function isNotImplemented(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NotImplemented' || error.$metadata.httpStatusCode === 501)
  );
}
