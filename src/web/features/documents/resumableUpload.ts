import { useCallback, useEffect, useRef, useState } from 'react';
import type { DetailedError, Upload } from 'tus-js-client';
import { ApiError, asProblem, NetworkError } from '../../api/client';

/** Small enough that a dropped connection loses little; the server keeps every byte it took. */
const CHUNK_BYTES = 1024 * 1024;
/** After a drop, try again at once, then after 1, 3, 5, 10 and 20 seconds: the rest resumes. */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000];

export type UploadPhase =
  | { step: 'choosing' }
  | { step: 'sending'; sent: number; total: number; retrying: boolean }
  | { step: 'done' }
  | { step: 'failed'; error: Error };

/** A tus failure as the app's own error: the server's problem+json when it answered, else a network error. */
function toAppError(error: Error | DetailedError): Error {
  const response = 'originalResponse' in error ? error.originalResponse : null;
  if (!response) return new NetworkError(error);
  let body: unknown = null;
  try {
    body = JSON.parse(response.getBody());
  } catch {
    body = null;
  }
  return new ApiError(response.getStatus(), asProblem(body));
}

/**
 * Sends one file at a time over tus to `endpoint`, in 1 MB pieces, and follows its progress. A
 * dropped connection (or a server busy with the previous piece) is retried and the upload resumes
 * from what the server already has. Nothing about the upload is kept on the device: resumption
 * happens within the page, and the file's name is never sent (callers pass only their metadata).
 * The tus client is fetched with the first file, not with the page.
 */
export function useResumableUpload({
  endpoint,
  headers,
  onSuccess,
  onFailure,
}: {
  endpoint: string;
  headers?: Record<string, string>;
  onSuccess: () => void;
  onFailure?: (error: Error) => void;
}) {
  const [phase, setPhase] = useState<UploadPhase>({ step: 'choosing' });
  const upload = useRef<Upload | null>(null);
  useEffect(() => () => void upload.current?.abort(), []);

  const start = useCallback(
    async (file: File, metadata: Record<string, string>) => {
      setPhase({ step: 'sending', sent: 0, total: file.size, retrying: false });
      let tus: typeof import('tus-js-client');
      try {
        tus = await import('tus-js-client');
      } catch (error) {
        setPhase({ step: 'failed', error: new NetworkError(error) });
        return;
      }
      const next = new tus.Upload(file, {
        endpoint,
        metadata,
        ...(headers ? { headers } : {}),
        chunkSize: CHUNK_BYTES,
        retryDelays: RETRY_DELAYS,
        storeFingerprintForResuming: false,
        removeFingerprintOnSuccess: true,
        onProgress: (sent, total) => setPhase({ step: 'sending', sent, total, retrying: false }),
        onShouldRetry: (error, attempt) => {
          const status = error.originalResponse?.getStatus() ?? 0;
          const retry = status === 0 || status >= 500 || status === 409 || status === 423;
          if (retry)
            setPhase((current) => (current.step === 'sending' ? { ...current, retrying: true } : current));
          return retry && attempt < RETRY_DELAYS.length;
        },
        onError: (error) => {
          const failure = toAppError(error);
          onFailure?.(failure);
          setPhase({ step: 'failed', error: failure });
        },
        onSuccess: () => {
          setPhase({ step: 'done' });
          onSuccess();
        },
      });
      upload.current = next;
      next.start();
    },
    [endpoint, headers, onSuccess, onFailure],
  );

  /** Stops the upload and tells the server to drop what it took. */
  const cancel = useCallback(() => {
    void upload.current?.abort(true);
    setPhase({ step: 'choosing' });
  }, []);

  return { phase, setPhase, start, cancel };
}
