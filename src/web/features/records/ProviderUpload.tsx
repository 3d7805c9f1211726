import { Alert, Button, FileInput, NativeSelect, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetailedError, Upload } from 'tus-js-client';
import type { KindOfDocument } from '../../../shared/document-types';
import { PROVIDER_TOKEN_HEADER } from '../../../shared/records';
import { ApiError, asProblem, NetworkError } from '../../api/client';
import { formatBytes } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { kindKey } from './labels';

const PROVIDER_UPLOADS = '/api/v1/provider-uploads';
const CHUNK_BYTES = 1024 * 1024;
/** After a drop, try again at once, then after 1, 3, 5, 10 and 20 seconds: the rest resumes. */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000];

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
 * The provider sends a record through their link: a kind the member released, a title, the file.
 * It goes in 1 MB pieces over tus (the same resumable path as a member's upload, authorised by the
 * link's token), and a dropped connection resumes from what the server already has.
 */
export function ProviderUpload({
  requestId,
  token,
  kinds,
  onUploaded,
  onClosed,
}: {
  requestId: string;
  token: string;
  kinds: KindOfDocument[];
  onUploaded: () => void;
  onClosed: (error: Error) => void;
}) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<KindOfDocument>(kinds[0]!);
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Partial<Record<'title' | 'file', string>>>({});
  const [phase, setPhase] = useState<Phase>({ step: 'choosing' });
  const upload = useRef<Upload | null>(null);
  useEffect(() => () => void upload.current?.abort(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!title.trim()) found.title = t('records.field.required');
    if (!file) found.file = t('records.provider.chooseFile');
    setErrors(found);
    if (Object.keys(found).length > 0 || !file) return;
    setPhase({ step: 'sending', sent: 0, total: file.size, retrying: false });
    void send(file, { requestId, kind, title: title.trim() });
  };

  const send = async (chosen: File, metadata: Record<string, string>) => {
    let tus: typeof import('tus-js-client');
    try {
      tus = await import('tus-js-client');
    } catch (error) {
      setPhase({ step: 'failed', error: new NetworkError(error) });
      return;
    }
    const next = new tus.Upload(chosen, {
      endpoint: PROVIDER_UPLOADS,
      metadata,
      headers: { [PROVIDER_TOKEN_HEADER]: token },
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
        if (failure instanceof ApiError && failure.status === 410) onClosed(failure);
        setPhase({ step: 'failed', error: failure });
      },
      onSuccess: () => {
        setPhase({ step: 'done' });
        setFile(null);
        setTitle('');
        onUploaded();
      },
    });
    upload.current = next;
    next.start();
  };

  const sending = phase.step === 'sending';
  const percent = sending && phase.total > 0 ? Math.floor((phase.sent / phase.total) * 100) : 0;
  return (
    <form onSubmit={submit} noValidate aria-label={t('records.provider.uploadHeading')}>
      <Stack gap="sm">
        <NativeSelect
          label={t('records.provider.kind')}
          value={kind}
          disabled={sending}
          onChange={(event) => setKind(event.currentTarget.value as KindOfDocument)}
        >
          {kinds.map((value) => (
            <option key={value} value={value}>
              {t(kindKey[value])}
            </option>
          ))}
        </NativeSelect>
        <TextInput
          label={t('records.provider.title')}
          value={title}
          maxLength={200}
          disabled={sending}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={errors.title}
          required
        />
        <FileInput
          label={t('records.provider.file')}
          value={file}
          onChange={setFile}
          disabled={sending}
          clearable
          clearButtonProps={{ 'aria-label': t('records.provider.clear') }}
          error={errors.file}
          required
        />
        {sending && (
          <Stack gap={4} role="status" aria-live="polite">
            <Progress.Root size="lg">
              <Progress.Section
                value={percent}
                withAria={false}
                role="progressbar"
                aria-label={t('records.provider.progressLabel')}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
              />
            </Progress.Root>
            <Text size="sm">
              {phase.retrying
                ? t('records.provider.reconnecting')
                : t('records.provider.progress', {
                    percent,
                    sent: formatBytes(phase.sent, i18n.language),
                    total: formatBytes(phase.total, i18n.language),
                  })}
            </Text>
          </Stack>
        )}
        {phase.step === 'done' && (
          <Alert variant="light" role="status" title={t('records.provider.uploaded')}>
            {t('records.provider.uploadedMore')}
          </Alert>
        )}
        {phase.step === 'failed' && <ErrorNotice error={phase.error} />}
        <Button type="submit" w="fit-content" loading={sending}>
          {t('records.provider.send')}
        </Button>
      </Stack>
    </form>
  );
}
