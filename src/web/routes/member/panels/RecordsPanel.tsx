import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDocument, RecordChecklist } from '../../../../shared/documents';
import { formatCalendarDate, formatMoment, isolate, withoutDirectionControls } from '../../../app/format';
import { DocumentLinks } from '../../../features/documents/DocumentLinks';
import { DocumentUpload, documentKindKey } from '../../../features/documents/DocumentUpload';
import { Panel } from '../Panel';

const requestStatusKey = {
  outstanding: 'case.records.status.outstanding',
  received: 'case.records.status.received',
  cancelled: 'case.records.status.cancelled',
} as const;

/** What the case manager asked for, ticked as it arrives, with an upload for each outstanding item. */
export function RecordsPanel({
  caseId,
  checklist,
  documents,
  canUpload,
  timeZone,
  onUploaded,
}: {
  caseId: string;
  checklist: RecordChecklist | undefined;
  documents: CaseDocument[] | undefined;
  canUpload: boolean;
  timeZone: string | undefined;
  onUploaded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [answering, setAnswering] = useState<string | null>(null);
  const fromMember = checklist?.items.filter((item) => item.requestedFrom === 'member') ?? [];
  return (
    <Panel id="case-records" title={t('case.records.heading')}>
      {checklist && checklist.requested > 0 && (
        <>
          <Text data-testid="checklist-summary">
            {t('case.records.summary', {
              requested: checklist.requested,
              received: checklist.received,
              outstanding: checklist.outstanding,
            })}
          </Text>
          <Stack component="ul" gap="xs" className="plain-list" aria-label={t('case.records.checklist')}>
            {checklist.items.map((item) => (
              <Paper component="li" key={item.id} withBorder p="sm" data-request-status={item.status}>
                <Stack gap={4}>
                  <Group gap="xs" wrap="wrap">
                    <Text fw={600}>
                      {item.status === 'received' ? '✓ ' : ''}
                      {t(documentKindKey[item.kind])}
                    </Text>
                    <Badge
                      variant={item.status === 'outstanding' ? 'outline' : 'light'}
                      color={item.status === 'received' ? '#1b5e20' : 'brand.9'}
                    >
                      {t(requestStatusKey[item.status])}
                    </Badge>
                  </Group>
                  <Text size="sm">{item.description}</Text>
                  <Text size="xs" c="dimmed">
                    {item.requestedFrom === 'member'
                      ? t('case.records.fromYou')
                      : t('case.records.fromProvider')}
                  </Text>
                  {canUpload &&
                    item.status === 'outstanding' &&
                    item.requestedFrom === 'member' &&
                    (answering === item.id ? (
                      <DocumentUpload
                        caseId={caseId}
                        recordRequest={{ id: item.id, kind: item.kind, description: item.description }}
                        onUploaded={() => {
                          setAnswering(null);
                          onUploaded();
                        }}
                      />
                    ) : (
                      <Button variant="light" size="xs" w="fit-content" onClick={() => setAnswering(item.id)}>
                        {t('case.records.answer')}
                      </Button>
                    ))}
                </Stack>
              </Paper>
            ))}
          </Stack>
          {fromMember.length === 0 && <Text size="sm">{t('case.records.nothingFromYou')}</Text>}
        </>
      )}
      <Title order={3} size="h4">
        {t('case.documents.heading')}
      </Title>
      {documents && documents.length > 0 ? (
        <Stack component="ul" gap="sm" className="plain-list" aria-label={t('case.documents.heading')}>
          {documents.map((document) => (
            <Stack component="li" key={document.id} gap={2} data-document-id={document.id}>
              <Text size="sm">
                {t('case.documents.item', {
                  title: isolate(withoutDirectionControls(document.title)),
                  kind: t(documentKindKey[document.kind]),
                  date: formatMoment(document.createdAt, i18n.language, timeZone),
                })}
                {document.documentDate
                  ? ` · ${t('case.documents.dated', { date: formatCalendarDate(document.documentDate, i18n.language) })}`
                  : ''}
              </Text>
              <DocumentLinks caseId={caseId} document={document} />
            </Stack>
          ))}
        </Stack>
      ) : (
        <Text size="sm">{t('case.documents.empty')}</Text>
      )}
      {canUpload && (
        <>
          <Title order={3} size="h4">
            {t('documents.upload.heading')}
          </Title>
          <DocumentUpload caseId={caseId} onUploaded={onUploaded} />
        </>
      )}
    </Panel>
  );
}
