import { Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { caseStatuses, type CaseStatus } from '../../../shared/cases';
import { formatPersonName } from '../../../shared/display';
import { productLocales } from '../../../shared/identity';
import { staffApi, staffKeys, type QueueFilters } from '../../api/staff';
import { formatMoment, languageName } from '../../app/format';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { Deadline, useWarningHours } from './Deadline';
import { useNow } from './Deadline';
import { caseStatusKey } from '../../features/cases/status';
import { ShortcutsHelp, useShortcuts } from './shortcuts';

const isStatus = (value: string | null): value is CaseStatus =>
  value !== null && (caseStatuses as readonly string[]).includes(value);

/** The filters live in the address, so a view can be bookmarked, shared and reloaded. */
function filtersFrom(params: URLSearchParams): QueueFilters {
  const status = params.get('status');
  const interpreter = params.get('interpreterNeeded');
  return {
    status: isStatus(status) ? status : undefined,
    language: params.get('language') ?? undefined,
    interpreterNeeded: interpreter === 'true' ? true : interpreter === 'false' ? false : undefined,
    cursor: params.get('cursor') ?? undefined,
  };
}

/** `/workspace`: the case manager's cases, the nearest deadline first, each with its clock running. */
export function QueuePage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const now = useNow(1000);
  const warningHours = useWarningHours();
  const [selected, setSelected] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  // New cases arrive without a reload; the countdown itself never asks the server.
  const queue = useQuery({
    queryKey: staffKeys.queue(filters),
    queryFn: () => staffApi.queue(filters),
    refetchInterval: 30_000,
  });
  const items = queue.data?.items ?? [];

  const setFilter = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('cursor');
    setSelected(0);
    setParams(next);
  };
  const pageTo = (cursor: string | null) => {
    const next = new URLSearchParams(params);
    if (cursor) next.set('cursor', cursor);
    else next.delete('cursor');
    setSelected(0);
    setParams(next);
  };
  const open = (index: number) => {
    const kase = items[index];
    if (kase) void navigate(`/workspace/cases/${kase.id}`);
  };
  const focusRow = (index: number) => {
    const bounded = Math.max(0, Math.min(items.length - 1, index));
    setSelected(bounded);
    document.getElementById(`queue-case-${bounded}`)?.focus();
  };
  // The first j or k lands on the selected case; the next ones move from it.
  const focusedRow = () => {
    const id = document.activeElement?.id ?? '';
    return id.startsWith('queue-case-') ? Number(id.slice('queue-case-'.length)) : null;
  };
  useShortcuts({
    j: () => {
      const at = focusedRow();
      focusRow(at === null ? selected : at + 1);
    },
    k: () => {
      const at = focusedRow();
      focusRow(at === null ? selected : at - 1);
    },
    o: () => open(selected),
    r: () => void queue.refetch(),
    '?': () => setHelpOpen(true),
  });

  const timeZone = me.data?.timeZone;
  return (
    <Stack gap="md">
      <PageHeading>{t('cm.queue.title')}</PageHeading>
      <Text>{t('cm.queue.intro')}</Text>
      <Paper withBorder p="md" component="section" aria-labelledby="queue-filters">
        <Text component="h2" fw={600} id="queue-filters" mb="xs">
          {t('cm.queue.filters')}
        </Text>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('cm.queue.filterStatus')}
            data={caseStatuses.map((status) => ({ value: status, label: t(caseStatusKey[status]) }))}
            value={filters.status ?? null}
            onChange={(value) => setFilter('status', value)}
            placeholder={t('cm.queue.any')}
            clearable
          />
          <Select
            label={t('cm.queue.filterLanguage')}
            data={productLocales.map((tag) => ({ value: tag, label: languageName(tag, i18n.language) }))}
            value={filters.language ?? null}
            onChange={(value) => setFilter('language', value)}
            placeholder={t('cm.queue.any')}
            clearable
          />
          <Select
            label={t('cm.queue.filterInterpreter')}
            data={[
              { value: 'true', label: t('cm.queue.interpreterYes') },
              { value: 'false', label: t('cm.queue.interpreterNo') },
            ]}
            value={filters.interpreterNeeded === undefined ? null : String(filters.interpreterNeeded)}
            onChange={(value) => setFilter('interpreterNeeded', value)}
            placeholder={t('cm.queue.any')}
            clearable
          />
          <Button variant="default" onClick={() => setHelpOpen(true)}>
            {t('cm.shortcuts.open')}
          </Button>
        </Group>
      </Paper>
      {queue.isPending && <Loading />}
      {queue.error && <ErrorNotice error={queue.error} />}
      {queue.data && items.length === 0 && <Text>{t('cm.queue.empty')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label={t('cm.queue.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cm.queue.case')}</Table.Th>
                <Table.Th>{t('cm.queue.member')}</Table.Th>
                <Table.Th>{t('cm.queue.status')}</Table.Th>
                <Table.Th>{t('cm.queue.language')}</Table.Th>
                <Table.Th>{t('cm.queue.deadline')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((kase, index) => (
                <Table.Tr key={kase.id} data-selected={index === selected || undefined} className="queue-row">
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/workspace/cases/${kase.id}`}
                      id={`queue-case-${index}`}
                      onFocus={() => setSelected(index)}
                      dir="ltr"
                    >
                      {kase.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatPersonName(kase.member, kase.preferredLanguage)}</Table.Td>
                  <Table.Td>{t(caseStatusKey[kase.status])}</Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <span>{languageName(kase.preferredLanguage, i18n.language)}</span>
                      {kase.interpreterNeeded && (
                        <Badge variant="outline" color="#495057">
                          {t('cm.queue.interpreter')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Deadline kase={kase} now={now} warningHours={warningHours} />
                    <Text size="xs" c="dimmed">
                      {t('cm.queue.dueAt', {
                        time: formatMoment(kase.firstContactDueAt, i18n.language, timeZone),
                      })}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group>
        {filters.cursor && (
          <Button variant="default" onClick={() => pageTo(null)}>
            {t('cm.queue.firstPage')}
          </Button>
        )}
        {queue.data?.nextCursor && (
          <Button variant="default" onClick={() => pageTo(queue.data.nextCursor)}>
            {t('cm.queue.nextPage')}
          </Button>
        )}
      </Group>
      <ShortcutsHelp
        opened={helpOpen}
        onClose={() => setHelpOpen(false)}
        shortcuts={[
          { keys: ['j'], label: t('cm.shortcuts.next') },
          { keys: ['k'], label: t('cm.shortcuts.previous') },
          { keys: ['o', '↵'], label: t('cm.shortcuts.openCase') },
          { keys: ['r'], label: t('cm.shortcuts.refresh') },
          { keys: ['?'], label: t('cm.shortcuts.help') },
        ]}
      />
    </Stack>
  );
}

export default QueuePage;
