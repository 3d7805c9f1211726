import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatCalendarDate, formatMoment, formatNumber } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useAreas } from '../../i18n';
import { recordsApi, recordsKeys } from './api';

/**
 * On the operations dashboard: the collection clock, from a case's first request to its treating
 * providers to the last answer; the median and the 90th percentile over 90 days, per week, and the
 * cases behind them.
 */
export function CollectionClockPanel() {
  const ready = useAreas(['records']);
  const { t, i18n } = useTranslation();
  const clock = useQuery({
    queryKey: recordsKeys.collectionClock,
    queryFn: () => recordsApi.collectionClock(),
  });
  if (!ready) return <Loading />;
  const hours = (value: number | null) =>
    value === null
      ? t('records.clock.none')
      : t('records.clock.hours', { hours: formatNumber(value, i18n.language, { maximumFractionDigits: 1 }) });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="ops-collection-clock">
      <Stack gap="sm">
        <Title order={2} size="h3" id="ops-collection-clock">
          {t('records.clock.heading')}
        </Title>
        <Text size="sm">{t('records.clock.intro')}</Text>
        {clock.error ? (
          <ErrorNotice error={clock.error} />
        ) : !clock.data ? (
          <Loading />
        ) : (
          <>
            <Text data-testid="collection-median">
              {t('records.clock.median', { value: hours(clock.data.medianHours) })}
            </Text>
            <Text data-testid="collection-p90">
              {t('records.clock.p90', { value: hours(clock.data.p90Hours) })}
            </Text>
            <Text>{t('records.clock.collecting', { count: clock.data.collecting })}</Text>
            {clock.data.weeks.length > 0 && (
              <Table>
                <Table.Caption>{t('records.clock.weeks')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('records.clock.week')}</Table.Th>
                    <Table.Th scope="col">{t('records.clock.count')}</Table.Th>
                    <Table.Th scope="col">{t('records.clock.medianShort')}</Table.Th>
                    <Table.Th scope="col">{t('records.clock.p90Short')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {clock.data.weeks.map((week) => (
                    <Table.Tr key={week.weekStart}>
                      <Table.Td>{formatCalendarDate(week.weekStart, i18n.language)}</Table.Td>
                      <Table.Td>{formatNumber(week.count, i18n.language)}</Table.Td>
                      <Table.Td>{hours(week.medianHours)}</Table.Td>
                      <Table.Td>{hours(week.p90Hours)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {clock.data.cases.length > 0 && (
              <Table data-testid="collection-cases">
                <Table.Caption>{t('records.clock.cases')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('records.clock.case')}</Table.Th>
                    <Table.Th scope="col">{t('records.clock.completed')}</Table.Th>
                    <Table.Th scope="col">{t('records.clock.took')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {clock.data.cases.slice(0, 20).map((item) => (
                    <Table.Tr key={item.caseId}>
                      <Table.Td>{item.caseNumber}</Table.Td>
                      <Table.Td>{formatMoment(item.completedAt, i18n.language, undefined)}</Table.Td>
                      <Table.Td>{hours(item.hours)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
