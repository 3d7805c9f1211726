import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { GrowingTextarea } from '../../components/GrowingTextarea';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MESSAGE_MAX_LENGTH } from '../../../shared/messaging-limits';
import type { CaseMessage, MessagePage } from '../../../shared/messaging';
import { api, queryKeys } from '../../api/endpoints';
import { formatMoment } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { UserText } from '../../components/UserText';
import { addMessageToThread, chronological, newestUnreadFromOthers } from './thread';

const authorRoleKey = {
  member: 'messages.role.member',
  guardian: 'messages.role.guardian',
  case_manager: 'messages.role.case_manager',
} as const satisfies Record<CaseMessage['author']['role'], string>;

function MessageItem({ message, timeZone }: { message: CaseMessage; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      radius="md"
      className={message.mine ? 'message message-mine' : 'message'}
      data-message-id={message.id}
    >
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="sm" fw={600}>
            {message.mine
              ? t('messages.you')
              : t('messages.author', {
                  name: message.author.name,
                  role: t(authorRoleKey[message.author.role]),
                })}
          </Text>
          <Text size="xs" c="dimmed">
            <time dateTime={message.createdAt}>
              {formatMoment(message.createdAt, i18n.language, timeZone)}
            </time>
          </Text>
        </Group>
        <Text className="message-body">
          <UserText>{message.body}</UserText>
        </Text>
        {message.mine ? (
          <Text size="xs" c="dimmed">
            {message.readByOther ? t('messages.receipt.read') : t('messages.receipt.sent')}
          </Text>
        ) : (
          !message.readByMe && (
            <Badge variant="outline" color="brand.9" size="sm" w="fit-content">
              {t('messages.new')}
            </Badge>
          )
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The messages of a case, oldest first, with a box to write one. New messages arrive live (the
 * page's stream puts them in the same query); what the reader sees is marked read, and their own
 * messages say whether the other side has read them, in words. Used by members and staff alike.
 */
export function MessageThread({
  caseId,
  page,
  canWrite,
  timeZone,
  fieldId,
  emptyText,
}: {
  caseId: string;
  page: MessagePage;
  canWrite: boolean;
  timeZone: string | undefined;
  /** The id of the message box, for a "write to them" link elsewhere on the page. */
  fieldId?: string;
  /** What an empty thread says; the member's words ("write to your Case Manager") unless given. */
  emptyText?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const ownId = useId();
  const items = chronological(page.items);
  const unread = page.items.filter((item) => !item.mine && !item.readByMe).length;

  const send = useMutation({
    mutationFn: (body: string) => api.sendMessage(caseId, body, key),
    onSuccess: (message) => {
      addMessageToThread(queryClient, caseId, message);
      setDraft('');
      // The next message is another request: a new key.
      setKey(crypto.randomUUID());
    },
  });

  // What is on screen is read: one receipt up to the newest unread message from the other side.
  const markRead = useMutation({
    mutationFn: (upTo: string) => api.markRead(caseId, upTo),
    onSuccess: () => {
      queryClient.setQueryData<MessagePage>(queryKeys.messages(caseId), (current) =>
        current
          ? {
              ...current,
              items: current.items.map((item) => (item.mine ? item : { ...item, readByMe: true })),
            }
          : current,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.unread });
    },
  });
  const newest = newestUnreadFromOthers(page.items);
  const marked = useRef<string | null>(null);
  useEffect(() => {
    if (!newest || marked.current === newest.id || !canWrite) return;
    marked.current = newest.id;
    markRead.mutate(newest.id);
  }, [newest, canWrite, markRead]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = draft.trim();
    if (body.length === 0) return setError(t('messages.validation.empty'));
    if (body.length > MESSAGE_MAX_LENGTH)
      return setError(t('validation.tooLong', { max: MESSAGE_MAX_LENGTH }));
    setError(undefined);
    send.mutate(body);
  };

  return (
    <Stack gap="sm">
      <Text size="sm" role="status" aria-live="polite">
        {unread > 0 ? t('messages.unread', { count: unread }) : t('messages.allRead')}
      </Text>
      {items.length === 0 ? (
        <Text>{emptyText ?? t('messages.empty')}</Text>
      ) : (
        <Stack component="ol" gap="xs" className="plain-list" aria-label={t('messages.listLabel')}>
          {items.map((message) => (
            <MessageItem key={message.id} message={message} timeZone={timeZone} />
          ))}
        </Stack>
      )}
      {canWrite && (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <GrowingTextarea
              id={fieldId ?? ownId}
              label={t('messages.write')}
              minRows={2}
              maxRows={8}
              value={draft}
              onChange={(event) => setDraft(event.currentTarget.value)}
              error={error}
            />
            <ErrorNotice error={send.error} />
            <Group>
              <Button type="submit" loading={send.isPending}>
                {t('messages.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
