import { Alert, Button, FileInput, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { KindOfDocument } from '../../../shared/document-types';
import { PROVIDER_TOKEN_HEADER } from '../../../shared/records';
import { ApiError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useResumableUpload } from '../documents/resumableUpload';
import { UploadProgress } from '../documents/UploadProgress';
import { kindKey } from './labels';

const PROVIDER_UPLOADS = '/api/v1/provider-uploads';

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
  const { t } = useTranslation();
  const [kind, setKind] = useState<KindOfDocument>(kinds[0]!);
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Partial<Record<'title' | 'file', string>>>({});
  const headers = useMemo(() => ({ [PROVIDER_TOKEN_HEADER]: token }), [token]);
  const { phase, start } = useResumableUpload({
    endpoint: PROVIDER_UPLOADS,
    headers,
    onSuccess: useCallback(() => {
      setFile(null);
      setTitle('');
      onUploaded();
    }, [onUploaded]),
    // The link was closed meanwhile (finished, withdrawn, revoked, expired): the page says so.
    onFailure: useCallback(
      (error: Error) => {
        if (error instanceof ApiError && error.status === 410) onClosed(error);
      },
      [onClosed],
    ),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!title.trim()) found.title = t('records.field.required');
    if (!file) found.file = t('records.provider.chooseFile');
    setErrors(found);
    if (Object.keys(found).length > 0 || !file) return;
    void start(file, { requestId, kind, title: title.trim() });
  };

  const sending = phase.step === 'sending';
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
        {phase.step === 'sending' && (
          <UploadProgress
            sent={phase.sent}
            total={phase.total}
            retrying={phase.retrying}
            labels={{
              bar: t('records.provider.progressLabel'),
              detail: (figures) => t('records.provider.progress', figures),
              reconnecting: t('records.provider.reconnecting'),
            }}
          />
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
