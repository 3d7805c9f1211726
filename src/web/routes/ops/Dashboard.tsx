import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { GrowingTextarea } from '../../components/GrowingTextarea';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Reassignment } from '../../../shared/cases';
import type { SlaDashboard } from '../../../shared/sla';
import { staffApi, staffKeys } from '../../api/staff';
import { formatMoment, formatNumber, languageName } from '../../app/format';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { directionOf, isLocale } from '../../i18n/locales';
import { caseStatusKey } from '../../features/cases/status';
import { useFormCheck } from '../../app/formCheck';
import { staffWords } from '../../features/staff/fieldWords';
import { WriteError } from '../../features/staff/WriteError';
import { Bars } from './Charts';
import { DashboardOutcomes } from '../../features/outcomes/DashboardOutcomes';
import { CollectionClockPanel } from '../../features/records/CollectionClockPanel';

type Attention = SlaDashboard['attention'][number];

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm">{label}</Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** `/ops`: how the 24-hour promise is being kept, what needs action now, and who carries the load. */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const dashboard = useQuery({
    queryKey: staffKeys.dashboard,
    queryFn: staffApi.slaDashboard,
    refetchInterval: 60_000,
  });
  const [reassigning, setReassigning] = useState<Attention | null>(null);
  const locale = i18n.language;
  const rtl = isLocale(locale) && directionOf(locale) === 'rtl';
  // Every figure in the reader's own way of writing numbers.
  const count = (value: number) => formatNumber(value, locale);
  const percent = (rate: number | null) =>
    rate === null
      ? t('ops.figure.none')
      : formatNumber(rate, locale, { style: 'percent', maximumFractionDigits: 1 });
  const duration = (minutes: number | null) => {
    if (minutes === null) return t('ops.figure.none');
    const whole = Math.round(minutes);
    return t('ops.figure.duration', { hours: count(Math.floor(whole / 60)), minutes: count(whole % 60) });
  };

  if (dashboard.isPending) return <Loading />;
  if (dashboard.error) return <ErrorNotice error={dashboard.error} />;
  const data = dashboard.data;
  const openTotal = data.openByStatus.reduce((sum, row) => sum + row.count, 0);
  const { last7Days, last30Days } = data.firstContact;
  return (
    <Stack gap="lg">
      <PageHeading>{t('ops.dashboard.title')}</PageHeading>
      <Group>
        <Anchor component={Link} to="/ops/staff">
          {t('ops.nav.staff')}
        </Anchor>
        <Anchor component={Link} to="/ops/outcomes">
          {t('outcomes.title')}
        </Anchor>
        <Anchor component={Link} to="/ops/planner">
          {t('ops.nav.planner')}
        </Anchor>
      </Group>
      <Text size="sm" c="dimmed">
        {t('ops.dashboard.generatedAt', { time: formatMoment(data.generatedAt, locale, me.data?.timeZone) })}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Figure label={t('ops.figure.open')} value={count(openTotal)} testId="figure-open" />
        <Figure
          label={t('ops.figure.atRisk', { hours: count(data.warningHoursBefore) })}
          value={count(data.awaitingFirstContact.atRisk)}
          testId="figure-at-risk"
        />
        <Figure
          label={t('ops.figure.breached')}
          value={count(data.awaitingFirstContact.breached)}
          testId="figure-breached"
        />
        <Figure
          label={t('ops.figure.onTrack')}
          value={count(data.awaitingFirstContact.onTrack)}
          testId="figure-on-track"
        />
      </SimpleGrid>
      {/* The first contact over the last 7 and 30 days: how often in time, and how long it took. */}
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <Figure label={t('ops.figure.rate7')} value={percent(last7Days.rate)} testId="figure-rate-7" />
        <Figure
          label={t('ops.figure.medianLast7')}
          value={duration(last7Days.medianMinutes)}
          testId="figure-median-7"
        />
        <Figure
          label={t('ops.figure.p90Last7')}
          value={duration(last7Days.p90Minutes)}
          testId="figure-p90-7"
        />
        <Figure label={t('ops.figure.rate30')} value={percent(last30Days.rate)} testId="figure-rate-30" />
        <Figure
          label={t('ops.figure.medianLast30')}
          value={duration(last30Days.medianMinutes)}
          testId="figure-median-30"
        />
        <Figure
          label={t('ops.figure.p90Last30')}
          value={duration(last30Days.p90Minutes)}
          testId="figure-p90-30"
        />
      </SimpleGrid>

      {/* Records from the treating providers: from the first request to the last answer, per case. */}
      <CollectionClockPanel />

      <Paper withBorder p="md" component="section" aria-labelledby="attention">
        <Title order={2} size="h3" id="attention" mb="sm">
          {t('ops.attention.heading')}
        </Title>
        {data.attention.length === 0 ? (
          <Text>{t('ops.attention.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cm.queue.case')}</Table.Th>
                  <Table.Th>{t('ops.attention.standing')}</Table.Th>
                  <Table.Th>{t('cm.queue.deadline')}</Table.Th>
                  <Table.Th>{t('ops.attention.caseManager')}</Table.Th>
                  <Table.Th>{t('cm.queue.language')}</Table.Th>
                  <Table.Th>{t('cm.records.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.attention.map((row) => (
                  <Table.Tr key={row.id} data-case={row.number}>
                    <Table.Td dir="ltr" style={{ whiteSpace: 'nowrap' }}>
                      <Anchor component={Link} to={`/workspace/cases/${row.id}`}>
                        {row.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge variant="filled" color={row.standing === 'breached' ? '#b3261e' : '#8a4b00'}>
                        {t(row.standing === 'breached' ? 'cm.standing.breached' : 'cm.standing.at_risk')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatMoment(row.firstContactDueAt, locale, me.data?.timeZone)}</Table.Td>
                    <Table.Td>{row.caseManager?.name ?? t('ops.attention.unassigned')}</Table.Td>
                    <Table.Td>{languageName(row.preferredLanguage, locale)}</Table.Td>
                    <Table.Td>
                      <Button size="xs" onClick={() => setReassigning(row)}>
                        {t('ops.reassign.open', { number: row.number })}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="by-state">
          <Title order={2} size="h3" id="by-state" mb="sm">
            {t('ops.byState.heading')}
          </Title>
          <Bars
            sideways
            rtl={rtl}
            locale={locale}
            label={t('ops.byState.chart', { total: count(openTotal) })}
            data={data.openByStatus.map((row) => ({ label: t(caseStatusKey[row.status]), count: row.count }))}
            bars={[{ key: 'count', name: t('ops.byState.count'), colour: '#006185' }]}
          />
          <Table mt="sm">
            <Table.Tbody>
              {data.openByStatus.map((row) => (
                <Table.Tr key={row.status}>
                  <Table.Td>{t(caseStatusKey[row.status])}</Table.Td>
                  <Table.Td>{count(row.count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="workload">
          <Title order={2} size="h3" id="workload" mb="sm">
            {t('ops.workload.heading')}
          </Title>
          <Bars
            rtl={rtl}
            locale={locale}
            label={t('ops.workload.chart')}
            data={data.workload.map((row) => ({
              label: row.name,
              open: row.openCases,
              max: row.maxOpenCases,
            }))}
            bars={[
              { key: 'open', name: t('ops.workload.open'), colour: '#006185' },
              { key: 'max', name: t('ops.workload.max'), colour: '#8a4b00' },
            ]}
          />
          <Table mt="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ops.workload.name')}</Table.Th>
                <Table.Th>{t('ops.workload.open')}</Table.Th>
                <Table.Th>{t('ops.workload.max')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.workload.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td>{row.name}</Table.Td>
                  <Table.Td>{count(row.openCases)}</Table.Td>
                  <Table.Td>{count(row.maxOpenCases)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </SimpleGrid>
      <Text size="sm">
        {t('ops.figure.decided', {
          decided7: count(last7Days.decided),
          within7: count(last7Days.withinPromise),
          decided30: count(last30Days.decided),
          within30: count(last30Days.withinPromise),
        })}
      </Text>
      <DashboardOutcomes />
      {reassigning && (
        <ReassignDialog kase={reassigning} workload={data.workload} onClose={() => setReassigning(null)} />
      )}
    </Stack>
  );
}

/** Give a case to another case manager, with the reason (kept on the staff timeline). */
function ReassignDialog({
  kase,
  workload,
  onClose,
}: {
  kase: Attention;
  workload: SlaDashboard['workload'];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const candidates = workload.filter((row) => !row.disabled && row.id !== kase.caseManager?.id);
  const [to, setTo] = useState(candidates[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, { words: staffWords(t) });
  const body = () => ({ version: kase.version, caseManagerId: to, reason });
  const reassign = useMutation({
    mutationFn: () => staffApi.reassign(kase.id, body()),
    onSuccess: onClose,
    onError: fields.refused,
    onSettled: () => client.invalidateQueries({ queryKey: staffKeys.dashboard }),
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('ops.reassign.title', { number: kase.number })}
      closeButtonProps={{ 'aria-label': t('cm.shortcuts.close') }}
    >
      <form
        ref={form}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (fields.check(Reassignment, body())) reassign.mutate();
        }}
      >
        <Stack gap="sm">
          <NativeSelect
            label={t('ops.reassign.to')}
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
            error={fields.errors.caseManagerId}
            data={candidates.map((row) => ({
              value: row.id,
              label: t('ops.reassign.candidate', {
                name: row.name,
                open: formatNumber(row.openCases, i18n.language),
                max: formatNumber(row.maxOpenCases, i18n.language),
              }),
            }))}
          />
          <GrowingTextarea
            label={t('ops.reassign.reason')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            maxLength={1000}
            required
            minRows={2}
            error={fields.errors.reason}
          />
          <WriteError error={reassign.error} />
          <Group>
            <Button type="submit" loading={reassign.isPending} disabled={!to}>
              {t('ops.reassign.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export default DashboardPage;
