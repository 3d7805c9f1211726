import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { ObjectStoreSettings } from '../../src/server/platform/storage/object-store.js';

/** A real S3-compatible server (s3rver, on its own folder) for a test file, and settings for it. */
export interface TestObjectStore {
  endpoint: string;
  bucket: string;
  settings: ObjectStoreSettings;
  /** The same store as the `OBJECT_STORE_*` settings a server reads. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startObjectStore(bucket = 'consilium-documents'): Promise<TestObjectStore> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'consilium-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver checks signatures made with its own fixed key pair.
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  return {
    endpoint,
    bucket,
    settings: {
      bucket,
      endpoint,
      region: 'us-east-1',
      credentials,
      forcePathStyle: true,
      prefix: 'consilium/',
    },
    env: {
      OBJECT_STORE_BUCKET: bucket,
      OBJECT_STORE_ENDPOINT: endpoint,
      OBJECT_STORE_ACCESS_KEY_ID: credentials.accessKeyId,
      OBJECT_STORE_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      OBJECT_STORE_PREFIX: 'consilium/',
    },
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
