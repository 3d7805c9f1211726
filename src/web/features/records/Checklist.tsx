import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
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
      <Table.ScrollContainer minWidth={480}>
        <Table>
          <Table.Caption>{t('records.checklist.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('records.checklist.provider')}</Table.Th>
              <Table.Th scope="col">{t('records.checklist.records')}</Table.Th>
              <Table.Th scope="col">{t('records.checklist.status')}</Table.Th>
              <Table.Th scope="col">{t('records.checklist.since')}</Table.Th>
              {onRevoke && <Table.Th scope="col">{t('records.checklist.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => {
              const since = item.finishedAt ?? item.openedAt ?? item.sentAt ?? item.requestedAt;
              const open = ['sent', 'opened', 'authorised', 'requested'].includes(item.status);
              return (
                <Table.Tr key={item.id} data-request-status={item.status}>
                  <Table.Td>
                    {item.provider.name}, {item.provider.institution}
                  </Table.Td>
                  <Table.Td>
                    {listOf(
                      item.kinds.map((kind) => t(kindKey[kind])),
                      i18n.language,
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Badge color={statusColour[item.status]} variant="filled">
                        {t(statusKey[item.status])}
                      </Badge>
                      {item.documentCount > 0 && (
                        <Text size="sm">
                          {t('records.checklist.documents', { count: item.documentCount })}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatMoment(since, i18n.language, timeZone)}</Table.Td>
                  {onRevoke && (
                    <Table.Td>
                      {open && (
                        <Button size="xs" variant="default" onClick={() => onRevoke(item.id)}>
                          {t('records.checklist.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
