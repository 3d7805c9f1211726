import {
  Alert,
  Button,
  FileInput,
  Group,
  NativeSelect,
  Progress,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetailedError, Upload } from 'tus-js-client';
import type { KindOfDocument } from '../../../shared/document-types';
import { ApiError, asProblem, NetworkError } from '../../api/client';
import { formatBytes } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { acceptFor, refuseFile, type FileRefusal } from './fileCheck';

const UPLOADS = '/api/v1/uploads';
/** Small enough that a dropped connection loses little; the server keeps every byte it took. */
const CHUNK_BYTES = 1024 * 1024;
/** After a drop, try again at once, then after 1, 3, 5, 10 and 20 seconds. */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000];

export const documentKinds: KindOfDocument[] = [
  'report',
  'prescription',
  'test_result',
  'imaging',
  'letter',
  'other',
];

export const documentKindKey = {
  report: 'documents.kind.report',
  prescription: 'documents.kind.prescription',
  test_result: 'documents.kind.test_result',
  imaging: 'documents.kind.imaging',
  letter: 'documents.kind.letter',
  other: 'documents.kind.other',
} as const satisfies Record<KindOfDocument, string>;

const refusalKey = {
  empty: 'documents.refused.empty',
  too_large: 'documents.refused.too_large',
  unrecognised_type: 'documents.refused.unrecognised_type',
  type_mismatch: 'documents.refused.type_mismatch',
} as const satisfies Record<FileRefusal, string>;

/** The largest file the server takes, from tus discovery (`OPTIONS`, `Tus-Max-Size`). */
export function useUploadLimit() {
  return useQuery({
    queryKey: ['uploads', 'limit'],
    staleTime: Infinity,
    queryFn: async (): Promise<number | null> => {
      const response = await fetch(UPLOADS, {
        method: 'OPTIONS',
        credentials: 'same-origin',
        headers: { 'tus-resumable': '1.0.0' },
      });
      const max = Number(response.headers.get('tus-max-size'));
      return Number.isFinite(max) && max > 0 ? max : null;
    },
  });
}

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

type Phase =
  | { step: 'choosing' }
  | { step: 'sending'; sent: number; total: number; retrying: boolean }
  | { step: 'done' }
  | { step: 'failed'; error: Error };

/**
 * Add a record to a case: its kind, a title, the date on it, then the file. The file is checked
 * here first (type for the kind, size under the cap) and refused with the reason before anything
 * is sent; then it goes up in 1 MB pieces over tus, with a progress bar. A dropped connection is
 * retried and the upload resumes from what the server already has, not from the start.
 *
 * The file's name is never sent (it may say what the record is about) and, as the resumption
 * happens within the page, nothing about the upload is kept on the device.
 */
export function DocumentUpload({
  caseId,
  recordRequest,
  onUploaded,
}: {
  caseId: string;
  /** Answering an item of the checklist: its kind is preset, and may be changed to fit the file. */
  recordRequest?: { id: string; kind: KindOfDocument; description: string };
  onUploaded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const limit = useUploadLimit();
  const [kind, setKind] = useState<KindOfDocument>(recordRequest?.kind ?? 'report');
  const [title, setTitle] = useState(recordRequest?.description.slice(0, 200) ?? '');
  const [documentDate, setDocumentDate] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Partial<Record<'title' | 'file' | 'documentDate', string>>>({});
  const [phase, setPhase] = useState<Phase>({ step: 'choosing' });
  const upload = useRef<Upload | null>(null);

  useEffect(() => () => void upload.current?.abort(), []);

  const maxBytes = limit.data ?? null;
  const refusalOf = (candidate: File | null, forKind: KindOfDocument) =>
    candidate ? refuseFile(candidate, forKind, maxBytes) : null;
  // Answering a request, a file that does not fit the kind asked for still answers it under the
  // kind that fits: the refusal says where to choose it.
  const describeRefusal = (refusal: FileRefusal, forKind: KindOfDocument = kind) =>
    t(
      refusal === 'type_mismatch' && recordRequest
        ? 'documents.refused.type_mismatch_request'
        : refusalKey[refusal],
      {
        kind: t(documentKindKey[forKind]),
        max: maxBytes === null ? '' : formatBytes(maxBytes, i18n.language),
      },
    );

  const choose = (candidate: File | null) => {
    setFile(candidate);
    setPhase({ step: 'choosing' });
    const refusal = refusalOf(candidate, kind);
    setErrors((previous) => ({ ...previous, file: refusal ? describeRefusal(refusal) : undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    const trimmed = title.trim();
    if (trimmed.length === 0) found.title = t('validation.required');
    else if (trimmed.length > 200) found.title = t('validation.tooLong', { max: 200 });
    if (documentDate && !/^\d{4}-\d{2}-\d{2}$/.test(documentDate)) found.documentDate = t('validation.date');
    if (!file) found.file = t('documents.upload.chooseFile');
    else {
      const refusal = refusalOf(file, kind);
      if (refusal) found.file = describeRefusal(refusal);
    }
    setErrors(found);
    if (Object.keys(found).length > 0 || !file) return;

    const metadata: Record<string, string> = { caseId, kind, title: trimmed };
    if (documentDate) metadata.documentDate = documentDate;
    if (recordRequest) metadata.recordRequestId = recordRequest.id;
    setPhase({ step: 'sending', sent: 0, total: file.size, retrying: false });
    void send(file, metadata);
  };

  /** The tus client is fetched when the first record is sent, not with the case page. */
  const send = async (chosen: File, metadata: Record<string, string>) => {
    let tus: typeof import('tus-js-client');
    try {
      tus = await import('tus-js-client');
    } catch (error) {
      setPhase({ step: 'failed', error: new NetworkError(error) });
      return;
    }
    const next = new tus.Upload(chosen, {
      endpoint: UPLOADS,
      metadata,
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
      onError: (error) => setPhase({ step: 'failed', error: toAppError(error) }),
      onSuccess: () => {
        setPhase({ step: 'done' });
        setFile(null);
        setTitle('');
        setDocumentDate('');
        onUploaded();
      },
    });
    upload.current = next;
    next.start();
  };

  const sending = phase.step === 'sending';
  const percent = sending && phase.total > 0 ? Math.floor((phase.sent / phase.total) * 100) : 0;

  return (
    <form onSubmit={submit} noValidate aria-label={t('documents.upload.heading')}>
      <Stack gap="sm">
        {recordRequest && (
          <Text size="sm">
            {t('documents.upload.forRequest', { description: recordRequest.description })}
          </Text>
        )}
        <NativeSelect
          label={t('documents.upload.kind')}
          description={recordRequest ? t('documents.upload.kindForRequest') : undefined}
          value={kind}
          disabled={sending}
          onChange={(event) => {
            const value = event.currentTarget.value as KindOfDocument;
            setKind(value);
            const refusal = refusalOf(file, value);
            setErrors((previous) => ({
              ...previous,
              file: refusal ? describeRefusal(refusal, value) : undefined,
            }));
          }}
        >
          {documentKinds.map((value) => (
            <option key={value} value={value}>
              {t(documentKindKey[value])}
            </option>
          ))}
        </NativeSelect>
        <TextInput
          label={t('documents.upload.title')}
          description={t('documents.upload.titleHelp')}
          required
          maxLength={200}
          value={title}
          disabled={sending}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={errors.title}
        />
        <TextInput
          type="date"
          label={t('documents.upload.date')}
          value={documentDate}
          disabled={sending}
          onChange={(event) => setDocumentDate(event.currentTarget.value)}
          error={errors.documentDate}
        />
        <FileInput
          label={t('documents.upload.file')}
          description={
            maxBytes === null
              ? t('documents.upload.fileHelpNoLimit')
              : t('documents.upload.fileHelp', { max: formatBytes(maxBytes, i18n.language) })
          }
          accept={acceptFor(kind)}
          value={file}
          onChange={choose}
          disabled={sending}
          clearable
          clearButtonProps={{ 'aria-label': t('documents.upload.clear') }}
          error={errors.file}
          required
        />
        {sending && (
          <Stack gap={4} role="status" aria-live="polite">
            {/* The bar itself says how far it is, in the member's words (Mantine's own is "41%"). */}
            <Progress.Root size="lg">
              <Progress.Section
                value={percent}
                withAria={false}
                role="progressbar"
                aria-label={t('documents.upload.progressLabel')}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
                aria-valuetext={t('documents.upload.progress', { percent })}
              />
            </Progress.Root>
            <Text size="sm">
              {phase.retrying
                ? t('documents.upload.reconnecting')
                : t('documents.upload.progressDetail', {
                    percent,
                    sent: formatBytes(phase.sent, i18n.language),
                    total: formatBytes(phase.total, i18n.language),
                  })}
            </Text>
          </Stack>
        )}
        {phase.step === 'done' && (
          <Alert variant="light" role="status" title={t('documents.upload.doneTitle')}>
            {t('documents.upload.done')}
          </Alert>
        )}
        {phase.step === 'failed' && <ErrorNotice error={phase.error} />}
        <Group>
          <Button type="submit" loading={sending}>
            {t('documents.upload.submit')}
          </Button>
          {sending && (
            <Button
              variant="default"
              onClick={() => {
                void upload.current?.abort(true);
                setPhase({ step: 'choosing' });
              }}
            >
              {t('documents.upload.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
