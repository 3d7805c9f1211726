import { Alert, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { KindOfDocument } from '../../../shared/document-types';
import { ApiError } from '../../api/client';
import { formatBytes, formatCalendarDate, formatMoment, isolate } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { recordsApi, recordsKeys } from '../../features/records/api';
import { closedKey, kindKey } from '../../features/records/labels';
import { ProviderUpload } from '../../features/records/ProviderUpload';
import { isLocale } from '../../i18n/locales';

/** The link's token, from the address's fragment (`#token=…`): a browser never sends it anywhere. */
function tokenFromFragment(): string | null {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  return fragment.get('token');
}

/** Why a link no longer works, from its 410 answer: the reason and the provider's language. */
function closedOf(error: unknown): { reason: keyof typeof closedKey; language: string | null } | null {
  if (!(error instanceof ApiError) || error.status !== 410 || !error.problem) return null;
  const reason = error.problem.reason as keyof typeof closedKey;
  return {
    reason: reason in closedKey ? reason : 'expired',
    language: (error.problem.language as string) ?? null,
  };
}

/**
 * The treating provider's page: no account, only the link from our e-mail. It shows the minimum
 * to find the patient (name, date of birth), the records asked for and the member's signed
 * release, takes the files, and lets the provider say they sent everything or do not hold them.
 * It opens in the provider's language; the switcher in the header changes it.
 */
export function ProviderRecordsPage() {
  const { requestId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [token] = useState(tokenFromFragment);
  const [closed, setClosed] = useState<ReturnType<typeof closedOf>>(null);
  const languageSet = useRef(false);
  const page = useQuery({
    queryKey: recordsKeys.providerPage(requestId),
    queryFn: () => recordsApi.providerPage(requestId, token!),
    enabled: Boolean(token),
    retry: false,
  });
  const answer = useMutation({
    mutationFn: (value: 'sent_everything' | 'not_held') =>
      recordsApi.answer(requestId, token!, { answer: value }),
    onError: (error) => setClosed(closedOf(error)),
  });

  const shown = closed ?? closedOf(page.error);
  const language = page.data?.language ?? shown?.language ?? null;
  // The page opens in the provider's language once; a choice in the switcher then stands.
  useEffect(() => {
    if (languageSet.current || !language || !isLocale(language)) return;
    languageSet.current = true;
    if (language !== i18n.language) void i18n.changeLanguage(language);
  }, [language, i18n]);

  if (!token)
    return (
      <Stack gap="md">
        <PageHeading>{t('records.provider.heading')}</PageHeading>
        <Text>{t('records.provider.noToken')}</Text>
      </Stack>
    );
  if (shown)
    return (
      <Stack gap="md">
        <PageHeading>{t('records.provider.heading')}</PageHeading>
        <Alert
          variant="light"
          role="status"
          title={t('records.provider.closedTitle')}
          data-link-closed={shown.reason}
        >
          {t(closedKey[shown.reason])}
        </Alert>
      </Stack>
    );
  if (page.error)
    return (
      <Stack gap="md">
        <PageHeading>{t('records.provider.heading')}</PageHeading>
        {page.error instanceof ApiError && page.error.status === 404 ? (
          <Text>{t('records.provider.notFound')}</Text>
        ) : (
          <ErrorNotice error={page.error} />
        )}
      </Stack>
    );
  if (!page.data) return <Loading />;
  const data = page.data;
  const kinds = data.kinds as KindOfDocument[];
  if (answer.isSuccess)
    return (
      <Stack gap="md">
        <PageHeading>{t('records.provider.heading')}</PageHeading>
        <Alert
          variant="light"
          role="status"
          title={t('records.provider.thanksTitle')}
          data-answered={answer.variables}
        >
          {answer.variables === 'not_held'
            ? t('records.provider.thanksNotHeld')
            : t('records.provider.thanksSent')}
        </Alert>
      </Stack>
    );
  return (
    <Stack gap="lg">
      <PageHeading>{t('records.provider.heading')}</PageHeading>
      <Text>{t('records.provider.intro')}</Text>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="provider-patient">
        <Stack gap={6}>
          <Title order={2} size="h3" id="provider-patient">
            {t('records.provider.patient')}
          </Title>
          <Text data-testid="provider-patient-name">
            {t('records.provider.patientName', { name: isolate(data.patient.name) })}
          </Text>
          <Text>
            {t('records.provider.dateOfBirth', {
              date: formatCalendarDate(data.patient.dateOfBirth, i18n.language),
            })}
          </Text>
          <Text fw={600}>{t('records.provider.asked')}</Text>
          <List>
            {kinds.map((kind) => (
              <List.Item key={kind}>{t(kindKey[kind])}</List.Item>
            ))}
          </List>
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="provider-release">
        <Stack gap={6}>
          <Title order={2} size="h3" id="provider-release">
            {t('records.provider.release')}
          </Title>
          <Text>
            {t('records.provider.releaseText', {
              name: isolate(data.release.signedName),
              provider: isolate(`${data.release.providerName}, ${data.release.institution}`),
              signed: formatMoment(data.release.signedAt, i18n.language, undefined),
              until: formatCalendarDate(data.release.validUntil, i18n.language),
            })}
          </Text>
          <Text size="sm">
            {t('records.provider.expires', { time: formatMoment(data.expiresAt, i18n.language, undefined) })}
          </Text>
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="provider-upload">
        <Stack gap="sm">
          <Title order={2} size="h3" id="provider-upload">
            {t('records.provider.uploadHeading')}
          </Title>
          {data.uploads.length > 0 && (
            <List data-testid="provider-uploads">
              {data.uploads.map((upload, index) => (
                <List.Item key={index}>
                  {t('records.provider.received', {
                    kind: t(kindKey[upload.kind]),
                    size: formatBytes(upload.sizeBytes, i18n.language),
                    time: formatMoment(upload.receivedAt, i18n.language, undefined),
                  })}
                </List.Item>
              ))}
            </List>
          )}
          <ProviderUpload
            requestId={requestId}
            token={token}
            kinds={kinds}
            onUploaded={() =>
              void client.invalidateQueries({ queryKey: recordsKeys.providerPage(requestId) })
            }
            onClosed={(error) => setClosed(closedOf(error))}
          />
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="provider-answer">
        <Stack gap="sm">
          <Title order={2} size="h3" id="provider-answer">
            {t('records.provider.answerHeading')}
          </Title>
          <Text size="sm">{t('records.provider.answerIntro')}</Text>
          {answer.error && !closed && <ErrorNotice error={answer.error} />}
          <Group>
            <Button
              onClick={() => answer.mutate('sent_everything')}
              loading={answer.isPending && answer.variables === 'sent_everything'}
              disabled={data.uploads.length === 0}
            >
              {t('records.provider.sentEverything')}
            </Button>
            <Button
              variant="default"
              onClick={() => answer.mutate('not_held')}
              loading={answer.isPending && answer.variables === 'not_held'}
            >
              {t('records.provider.notHeld')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
