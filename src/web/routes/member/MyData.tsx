import { Anchor, Button, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrivacyRequestKind } from '../../../shared/privacy';
import { formatBytes, formatMoment } from '../../app/format';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { UserText } from '../../components/UserText';
import { privacyApi, privacyKeys, requestKinds } from '../../features/privacy/api';
import { kindWords, statusWords } from '../../features/privacy/words';

/** How often the page asks whether the archive is ready, while it is being built. */
const BUILDING_POLL_MS = 2000;

function ExportPanel() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const exports = useQuery({
    queryKey: privacyKeys.exports,
    queryFn: privacyApi.exports,
    refetchInterval: (query) =>
      query.state.data?.items[0]?.status === 'building' ? BUILDING_POLL_MS : false,
  });
  const ask = useMutation({
    mutationFn: privacyApi.askExport,
    onSuccess: () => client.invalidateQueries({ queryKey: privacyKeys.exports }),
  });
  const latest = exports.data?.items[0];
  const usable = latest && (latest.status === 'building' || latest.status === 'ready') ? latest : undefined;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="export-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="export-heading">
          {t('privacy.export.heading')}
        </Title>
        <Text>{t('privacy.export.explain')}</Text>
        {exports.isPending ? (
          <Loading />
        ) : (
          <>
            <ErrorNotice error={exports.error ?? ask.error} />
            {latest?.status === 'failed' && <Text role="status">{t('privacy.export.failed')}</Text>}
            {usable?.status === 'building' && (
              <Text role="status" aria-live="polite" data-testid="export-building">
                {t('privacy.export.building')}
              </Text>
            )}
            {usable?.status === 'ready' && usable.downloadPath && (
              <Stack gap={4} role="status" aria-live="polite">
                <Text>
                  {t('privacy.export.ready', {
                    until: formatMoment(usable.expiresAt!, i18n.language, me.data?.timeZone),
                  })}
                </Text>
                <Anchor href={usable.downloadPath} download>
                  {t('privacy.export.download', { size: formatBytes(usable.sizeBytes ?? 0, i18n.language) })}
                </Anchor>
              </Stack>
            )}
            {usable?.status !== 'building' && (
              <Button onClick={() => ask.mutate()} loading={ask.isPending} w="fit-content">
                {t('privacy.export.ask')}
              </Button>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function RequestForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [kind, setKind] = useState<PrivacyRequestKind | null>(null);
  const [message, setMessage] = useState('');
  const send = useMutation({
    mutationFn: () => privacyApi.sendRequest({ kind: kind!, message: message.trim() || undefined }),
    onSuccess: () => {
      setKind(null);
      setMessage('');
      return client.invalidateQueries({ queryKey: privacyKeys.myRequests });
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="request-heading">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (kind) send.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h3" id="request-heading">
            {t('privacy.request.heading')}
          </Title>
          <Text>{t('privacy.request.explain')}</Text>
          <Select
            label={t('privacy.request.kind')}
            data={requestKinds.map((value) => ({ value, label: kindWords(t, value) }))}
            value={kind}
            onChange={(value) => setKind(value as PrivacyRequestKind | null)}
            required
            allowDeselect={false}
          />
          {kind === 'erasure' && <Text size="sm">{t('privacy.request.erasureNote')}</Text>}
          <Textarea
            label={t('privacy.request.message')}
            value={message}
            onChange={(event) => setMessage(event.currentTarget.value)}
            maxLength={4000}
            autosize
            minRows={2}
          />
          <ErrorNotice error={send.error} />
          {send.isSuccess && <Text role="status">{t('privacy.request.sent')}</Text>}
          <Button type="submit" disabled={!kind} loading={send.isPending} w="fit-content">
            {t('privacy.request.send')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

function MyRequests() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const requests = useQuery({ queryKey: privacyKeys.myRequests, queryFn: privacyApi.myRequests });
  return (
    <Stack gap="sm" component="section" aria-labelledby="requests-heading">
      <Title order={2} size="h3" id="requests-heading">
        {t('privacy.requests.heading')}
      </Title>
      {requests.isPending ? (
        <Loading />
      ) : requests.error ? (
        <ErrorNotice error={requests.error} />
      ) : requests.data.items.length === 0 ? (
        <Text>{t('privacy.requests.none')}</Text>
      ) : (
        <Stack component="ul" gap="xs" className="plain-list">
          {requests.data.items.map((item) => (
            <Paper component="li" key={item.id} withBorder p="sm">
              <Text fw={600}>
                {kindWords(t, item.kind)} · {statusWords(t, item.status)}
              </Text>
              <Text size="sm" c="dimmed">
                {t('privacy.requests.due', {
                  due: formatMoment(item.dueAt, i18n.language, me.data?.timeZone),
                })}
              </Text>
              {item.answer && (
                <Text size="sm">
                  <UserText>{item.answer}</UserText>
                </Text>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** `/me/data`: the member downloads everything held about them and asks the data protection team. */
export function MyDataPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageHeading>{t('privacy.myData.title')}</PageHeading>
      <ExportPanel />
      <RequestForm />
      <MyRequests />
    </Stack>
  );
}
