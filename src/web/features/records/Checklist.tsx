import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProviderRequest } from '../../../shared/records';
import { formatMoment, listOf } from '../../app/format';
import { kindKey, statusColour, statusKey } from './labels';

/**
 * The checklist of records asked from the treating providers, as the case manager and the member
 * see it: requested → authorised → sent → opened → received / not held / overdue.
 */
export function RequestChecklist({
  items,
  complete,
  timeZone,
  onRevoke,
}: {
  items: ProviderRequest[];
  complete: boolean;
  timeZone: string | undefined;
  onRevoke?: (requestId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return <Text size="sm">{t('records.checklist.empty')}</Text>;
  return (
    <Stack gap="xs">
      <Text fw={600} data-testid="records-checklist-state" data-complete={complete ? 'true' : 'false'}>
        {complete ? t('records.checklist.complete') : t('records.checklist.incomplete')}
      </Text>
      <Stack
        component="ul"
        gap="xs"
        aria-label={t('records.checklist.caption')}
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {items.map((item) => {
          const since = item.finishedAt ?? item.openedAt ?? item.sentAt ?? item.requestedAt;
          const open = ['sent', 'opened', 'authorised', 'requested'].includes(item.status);
          return (
            <Paper
              component="li"
              key={item.id}
              withBorder
              p="sm"
              radius="sm"
              data-request-status={item.status}
            >
              <Stack gap={4}>
                <Text fw={600}>
                  {item.provider.name}, {item.provider.institution}
                </Text>
                <Text size="sm">
                  {t('records.checklist.records', {
                    kinds: listOf(
                      item.kinds.map((kind) => t(kindKey[kind])),
                      i18n.language,
                    ),
                  })}
                </Text>
                <Group gap={6}>
                  <Badge color={statusColour[item.status]} variant="filled">
                    {t(statusKey[item.status])}
                  </Badge>
                  <Text size="sm">
                    {t('records.checklist.since', { time: formatMoment(since, i18n.language, timeZone) })}
                  </Text>
                  {item.documentCount > 0 && (
                    <Text size="sm">{t('records.checklist.documents', { count: item.documentCount })}</Text>
                  )}
                </Group>
                {onRevoke && open && (
                  <Button size="xs" variant="default" w="fit-content" onClick={() => onRevoke(item.id)}>
                    {t('records.checklist.revoke')}
                  </Button>
                )}
              </Stack>
            </Paper>
          );
        })}
      </Stack>
    </Stack>
  );
}
