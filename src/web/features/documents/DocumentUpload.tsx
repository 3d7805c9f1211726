import { Alert, Button, FileInput, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KindOfDocument } from '../../../shared/document-types';
import { formatBytes } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { acceptFor, refuseFile, type FileRefusal } from './fileCheck';
import { useResumableUpload } from './resumableUpload';
import { UploadProgress } from './UploadProgress';

const UPLOADS = '/api/v1/uploads';

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
  const { phase, setPhase, start, cancel } = useResumableUpload({
    endpoint: UPLOADS,
    onSuccess: useCallback(() => {
      setFile(null);
      setTitle('');
      setDocumentDate('');
      onUploaded();
    }, [onUploaded]),
  });

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
    void start(file, metadata);
  };

  const sending = phase.step === 'sending';

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
        {phase.step === 'sending' && (
          <UploadProgress
            sent={phase.sent}
            total={phase.total}
            retrying={phase.retrying}
            labels={{
              bar: t('documents.upload.progressLabel'),
              value: (percent) => t('documents.upload.progress', { percent }),
              detail: (figures) => t('documents.upload.progressDetail', figures),
              reconnecting: t('documents.upload.reconnecting'),
            }}
          />
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
            <Button variant="default" onClick={cancel}>
              {t('documents.upload.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
