import { Badge, Button, Group, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ADDENDUM, type DeskFollowup } from '../../../shared/followups';
import { productLocaleOf, productLocales } from '../../../shared/locales';
import { formatMoment, languageName } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { UserText } from '../../components/UserText';
import { useAreas } from '../../i18n';
import { followupStatusColour, followupStatusKey } from './Answers';
import { followupKeys, followupsApi } from './api';

/** One question at the desk: the question, the answer on file (latest version), the form to answer or edit. */
function DeskQuestion({ item, timeZone }: { item: DeskFollowup; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const queryClient = useQueryClient();
  const latest = item.addenda.at(-1);
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(latest?.body ?? '');
  const [language, setLanguage] = useState<string>(latest?.language ?? productLocaleOf(locale) ?? 'en');
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const answer = useMutation({
    mutationFn: () =>
      followupsApi.answer(
        item.id,
        { version: (latest?.version ?? 0) + 1, body, language: language as (typeof productLocales)[number] },
        idempotencyKey,
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(
        followupKeys.ofOffer(item.offerId),
        (current: { items: DeskFollowup[] } | undefined) =>
          current ? { items: current.items.map((row) => (row.id === saved.id ? saved : row)) } : current,
      );
      setEditing(false);
      setIdempotencyKey(crypto.randomUUID());
    },
  });
  const showForm = item.status !== 'ended' && (!latest || editing);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    answer.mutate();
  };
  const formId = `followup-${item.id}`;
  return (
    <Stack gap="xs" component="li">
      <Group gap="xs">
        <Text fw={600}>{t('followups.question')}</Text>
        <Badge variant="filled" color={followupStatusColour[item.status]}>
          {t(followupStatusKey[item.status])}
        </Badge>
      </Group>
      <Text className="message-body">
        <UserText>{item.question}</UserText>
      </Text>
      {item.status === 'open' && (
        <Text size="sm">{t('followups.desk.due', { at: formatMoment(item.dueAt, locale, timeZone) })}</Text>
      )}
      {latest && !editing && (
        <Stack gap={4}>
          <Text fw={600}>{t('followups.desk.yourAnswer')}</Text>
          <Text className="message-body" lang={latest.language}>
            <UserText>{latest.body}</UserText>
          </Text>
          <Text size="sm" c="dimmed">
            {t('followups.writtenIn', {
              language: languageName(latest.language, locale),
              at: formatMoment(latest.submittedAt, locale, timeZone),
            })}
            {latest.version > 1 && ` · ${t('followups.version', { version: latest.version })}`}
          </Text>
          {item.status !== 'ended' && (
            <Button variant="light" onClick={() => setEditing(true)} style={{ alignSelf: 'flex-start' }}>
              {t('followups.desk.edit')}
            </Button>
          )}
        </Stack>
      )}
      {showForm && (
        <form onSubmit={submit} aria-label={t('followups.desk.answerFor')} id={formId}>
          <Stack gap="sm">
            <Textarea
              label={t('followups.desk.answer')}
              description={t('followups.desk.answerHint')}
              value={body}
              onChange={(event) => setBody(event.currentTarget.value)}
              maxLength={MAX_ADDENDUM}
              autosize
              minRows={4}
              required
            />
            <NativeSelect
              label={t('followups.desk.language')}
              value={language}
              onChange={(event) => setLanguage(event.currentTarget.value)}
              data={productLocales.map((tag) => ({ value: tag, label: languageName(tag, locale) }))}
            />
            <ErrorNotice error={answer.error} />
            <Group>
              <Button type="submit" loading={answer.isPending} disabled={body.trim() === ''}>
                {latest ? t('followups.desk.sendEdit') : t('followups.desk.send')}
              </Button>
              {editing && (
                <Button variant="subtle" onClick={() => setEditing(false)}>
                  {t('followups.desk.cancel')}
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

/** On the desk's review page: the member's follow-up questions about this opinion, and my answers. */
export function DeskFollowupsPanel({ offerId, timeZone }: { offerId: string; timeZone: string | undefined }) {
  const ready = useAreas(['followups', 'errors']);
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: followupKeys.ofOffer(offerId),
    queryFn: () => followupsApi.desk(offerId),
  });
  if (!ready || list.isPending) return null;
  if (list.error) return <ErrorNotice error={list.error} />;
  if (list.data.items.length === 0) return null;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="desk-followups">
      <Stack gap="sm">
        <Title order={2} size="h3" id="desk-followups">
          {t('followups.desk.heading')}
        </Title>
        <Text size="sm">{t('followups.desk.intro')}</Text>
        <Stack component="ul" gap="lg" className="plain-list">
          {list.data.items.map((item) => (
            <DeskQuestion key={item.id} item={item} timeZone={timeZone} />
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
