import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  documentKinds,
  RecordRequestCreation,
  type CaseDocument,
  type DocumentKind,
} from '../../../shared/documents';
import { api, queryKeys } from '../../api/endpoints';
import { documentContentUrl, staffApi } from '../../api/staff';
import { formatMoment } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { refreshCase } from './refreshCase';
import { documentKindKey } from './labels';
import { useFormCheck } from '../../app/formCheck';
import { staffWords } from '../../features/staff/fieldWords';
import { WriteError } from '../../features/staff/WriteError';
import { UserText } from '../../components/UserText';

const requestStatusKey = {
  outstanding: 'cm.records.outstanding',
  received: 'cm.records.received',
  cancelled: 'cm.records.cancelled',
} as const;

const requestedFromKey = {
  member: 'cm.records.fromMember',
  treating_provider: 'cm.records.fromProvider',
} as const;

/** The checklist of what was asked for, the form to ask for more, and the records with a viewer. */
export function RecordsPanel({ caseId, timeZone }: { caseId: string; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const checklist = useQuery({
    queryKey: queryKeys.recordRequests(caseId),
    queryFn: () => api.recordRequests(caseId),
  });
  const documents = useQuery({
    queryKey: queryKeys.documents(caseId),
    queryFn: () => api.documents(caseId),
  });
  const [kind, setKind] = useState<DocumentKind>('report');
  const [description, setDescription] = useState('');
  const [requestedFrom, setRequestedFrom] = useState<'member' | 'treating_provider'>('member');
  const [viewing, setViewing] = useState<CaseDocument | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, { words: staffWords(t) });
  const body = () => ({ kind, description, requestedFrom });
  const ask = useMutation({
    mutationFn: () => staffApi.requestRecord(caseId, body()),
    onSuccess: () => setDescription(''),
    onError: fields.refused,
    onSettled: () => refreshCase(client, caseId),
  });

  return (
    <Stack gap="lg">
      <Paper withBorder p="md" component="section" aria-labelledby="records-checklist">
        <Title order={3} size="h4" id="records-checklist" mb="sm">
          {t('cm.records.checklist')}
        </Title>
        {checklist.isPending && <Loading />}
        {checklist.error && <ErrorNotice error={checklist.error} />}
        {checklist.data && (
          <>
            <Text mb="sm">
              {t('cm.records.summary', {
                received: checklist.data.received,
                requested: checklist.data.requested,
              })}
            </Text>
            <ul className="plain-list" aria-label={t('cm.records.checklist')}>
              {checklist.data.items.map((item) => (
                <li key={item.id} data-status={item.status}>
                  <Group gap="xs" mb={6}>
                    <Badge
                      variant="filled"
                      color={
                        item.status === 'received'
                          ? '#2b6a30'
                          : item.status === 'outstanding'
                            ? '#8a4b00'
                            : '#495057'
                      }
                    >
                      {t(requestStatusKey[item.status])}
                    </Badge>
                    <Text fw={600}>{t(documentKindKey[item.kind])}</Text>
                    <Text>{item.description}</Text>
                    <Text size="sm" c="dimmed">
                      {t(requestedFromKey[item.requestedFrom])}
                    </Text>
                  </Group>
                </li>
              ))}
            </ul>
          </>
        )}
        <form
          ref={form}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (fields.check(RecordRequestCreation, body())) ask.mutate();
          }}
        >
          <Stack gap="sm" mt="md">
            <Title order={4} size="h5">
              {t('cm.records.askHeading')}
            </Title>
            <Group grow align="flex-start" wrap="wrap">
              <NativeSelect
                id="record-kind"
                label={t('cm.records.kind')}
                value={kind}
                onChange={(event) => setKind(event.currentTarget.value as DocumentKind)}
                data={documentKinds.map((value) => ({ value, label: t(documentKindKey[value]) }))}
              />
              <NativeSelect
                label={t('cm.records.from')}
                value={requestedFrom}
                onChange={(event) =>
                  setRequestedFrom(event.currentTarget.value as 'member' | 'treating_provider')
                }
                data={[
                  { value: 'member', label: t('cm.records.fromMember') },
                  { value: 'treating_provider', label: t('cm.records.fromProvider') },
                ]}
              />
            </Group>
            <TextInput
              label={t('cm.records.description')}
              description={t('cm.records.descriptionHelp')}
              value={description}
              onChange={(event) => setDescription(event.currentTarget.value)}
              maxLength={1000}
              required
              error={fields.errors.description}
            />
            <WriteError error={ask.error} />
            <Group>
              <Button type="submit" loading={ask.isPending}>
                {t('cm.records.ask')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="records-documents">
        <Title order={3} size="h4" id="records-documents" mb="sm">
          {t('cm.records.documents')}
        </Title>
        {documents.error && <ErrorNotice error={documents.error} />}
        {documents.data && documents.data.items.length === 0 && <Text>{t('cm.records.noDocuments')}</Text>}
        {documents.data && documents.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cm.records.title')}</Table.Th>
                  <Table.Th>{t('cm.records.kind')}</Table.Th>
                  <Table.Th>{t('cm.records.uploadedAt')}</Table.Th>
                  <Table.Th>{t('cm.records.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {documents.data.items.map((document) => (
                  <Table.Tr key={document.id}>
                    <Table.Td>
                      <UserText>{document.title}</UserText>
                    </Table.Td>
                    <Table.Td>{t(documentKindKey[document.kind])}</Table.Td>
                    <Table.Td>{formatMoment(document.createdAt, i18n.language, timeZone)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        {viewable(document) && (
                          <Button size="xs" variant="default" onClick={() => setViewing(document)}>
                            {t('cm.records.view', { title: document.title })}
                          </Button>
                        )}
                        <Anchor href={documentContentUrl(caseId, document.id, false)} download>
                          {t('cm.records.download')}
                        </Anchor>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {viewing && <Viewer caseId={caseId} document={viewing} onClose={() => setViewing(null)} />}
      </Paper>
    </Stack>
  );
}

const DicomViewer = lazy(() => import('../../features/imaging/DicomViewer'));

const viewable = (document: CaseDocument) =>
  document.mediaType === 'application/pdf' ||
  document.mediaType === 'image/png' ||
  document.mediaType === 'image/jpeg' ||
  document.mediaType === 'application/dicom';

/**
 * The record in the page: a PDF in the browser's own viewer, an image as an image, a DICOM image
 * in the DICOM viewer (fetched when it opens).
 */
function Viewer({
  caseId,
  document,
  onClose,
}: {
  caseId: string;
  document: CaseDocument;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const url = documentContentUrl(caseId, document.id, true);
  return (
    <Stack gap="xs" mt="md" className="document-viewer">
      <Group justify="space-between">
        <Text fw={600}>
          <UserText>{document.title}</UserText>
        </Text>
        <Button size="xs" variant="default" onClick={onClose}>
          {t('cm.records.closeViewer')}
        </Button>
      </Group>
      {document.mediaType === 'application/pdf' ? (
        <iframe src={url} title={document.title} className="document-frame" />
      ) : document.mediaType === 'application/dicom' ? (
        <Suspense fallback={<Loading />}>
          <DicomViewer url={documentContentUrl(caseId, document.id, false)} title={document.title} />
        </Suspense>
      ) : (
        <img src={url} alt={document.title} className="document-image" />
      )}
    </Stack>
  );
}
