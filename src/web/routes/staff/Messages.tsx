import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageDraft } from '../../../shared/messaging';
import { staffApi, staffKeys } from '../../api/staff';
import { formatMoment } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { refreshCase } from './caseData';
import { WriteError } from './WriteError';

/** The thread with the member, oldest first; new messages arrive through the case stream. */
export function MessagesPanel({
  caseId,
  timeZone,
  closed,
  canWrite,
}: {
  caseId: string;
  timeZone: string | undefined;
  closed: boolean;
  /** The assigned case manager writes and marks read; operations only read. */
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const messages = useQuery({
    queryKey: staffKeys.part(caseId, 'messages'),
    queryFn: () => staffApi.messages(caseId),
  });
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState(false);
  const send = useMutation({
    mutationFn: () => staffApi.sendMessage(caseId, draft),
    onSuccess: () => setDraft(''),
    onSettled: () => refreshCase(client, caseId),
  });
  const thread = [...(messages.data?.items ?? [])].reverse();
  // What the case manager has on screen is read: the member sees the receipt.
  const newestUnread = messages.data?.items.find((message) => !message.readByMe)?.id;
  const { mutate: markRead } = useMutation({
    mutationFn: (upTo: string) => staffApi.markMessagesRead(caseId, upTo),
  });
  useEffect(() => {
    if (newestUnread && !closed && canWrite) markRead(newestUnread);
  }, [newestUnread, closed, canWrite, markRead]);
  return (
    <Stack gap="md">
      {messages.isPending && <Loading />}
      {messages.error && <ErrorNotice error={messages.error} />}
      {messages.data && thread.length === 0 && <Text>{t('cm.messages.empty')}</Text>}
      <ol className="plain-list" aria-label={t('cm.tab.messages')} aria-live="polite">
        {thread.map((message) => (
          <li key={message.id}>
            <Paper withBorder p="sm" mb="xs" className={message.mine ? 'message mine' : 'message'}>
              <Text size="sm" fw={600}>
                {message.author.name} · {formatMoment(message.createdAt, i18n.language, timeZone)}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{message.body}</Text>
              {message.mine && (
                <Text size="xs" c="dimmed">
                  {message.readByOther ? t('cm.messages.read') : t('cm.messages.notRead')}
                </Text>
              )}
            </Paper>
          </li>
        ))}
      </ol>
      {!closed && canWrite && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const ok = MessageDraft.safeParse({ body: draft }).success;
            setInvalid(!ok);
            if (ok) send.mutate();
          }}
        >
          <Stack gap="sm">
            <Textarea
              label={t('cm.messages.write')}
              value={draft}
              onChange={(event) => setDraft(event.currentTarget.value)}
              error={invalid ? t('cm.messages.invalid') : undefined}
              autosize
              minRows={3}
              maxLength={10_000}
            />
            <WriteError error={send.error} />
            <Group>
              <Button type="submit" loading={send.isPending}>
                {t('cm.messages.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
