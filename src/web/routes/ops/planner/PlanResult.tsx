import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PromiseConfidence, StaffingPlanResult, TimeZoneBand } from '../../../../shared/planning';
import { languageName } from '../../../app/format';
import { HourOfWeekChart } from './HourOfWeekChart';

/** The words of a time-zone band (each key written out, so the catalogue check finds it). */
export const bandKeys = {
  americas: 'planning.band.americas',
  europe_africa: 'planning.band.europeAfrica',
  middle_east_south_asia: 'planning.band.middleEastSouthAsia',
  east_asia_pacific: 'planning.band.eastAsiaPacific',
} as const satisfies Record<TimeZoneBand, string>;

export interface Figures {
  locale: string;
  rtl: boolean;
  percent: (share: number | null) => string;
  count: (value: number) => string;
  dayNames: string[];
}

/** Per day of the week: the requests expected and the share kept, weighted by the hours' load. */
function byDay(load: number[], kept: (number | null)[]) {
  return Array.from({ length: 7 }, (_, day) => {
    let requests = 0;
    let weighted = 0;
    let weight = 0;
    for (let hour = day * 24; hour < day * 24 + 24; hour += 1) {
      requests += load[hour] ?? 0;
      const share = kept[hour];
      if (share !== null && share !== undefined) {
        weighted += share * (load[hour] ?? 0);
        weight += load[hour] ?? 0;
      }
    }
    return { requests, kept: weight > 0 ? weighted / weight : null };
  });
}

function PromiseTable({
  plan,
  figures,
  caption,
}: {
  plan: StaffingPlanResult;
  figures: Figures;
  caption: string;
}) {
  const { t } = useTranslation();
  const row = (label: string, confidence: PromiseConfidence, estimate = confidence.pooled, seeds = true) => (
    <Table.Tr>
      <Table.Th scope="row">{label}</Table.Th>
      <Table.Td>{figures.percent(estimate.share)}</Table.Td>
      <Table.Td>
        {t('planning.promise.interval', {
          low: figures.percent(estimate.low),
          high: figures.percent(estimate.high),
        })}
      </Table.Td>
      <Table.Td>
        {seeds
          ? t('planning.promise.seedsMeeting', {
              meeting: figures.count(confidence.seedsMeetingTarget),
              seeds: figures.count(confidence.seeds),
            })
          : ''}
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('planning.promise.roster')}</Table.Th>
            <Table.Th scope="col">{t('planning.promise.within24h')}</Table.Th>
            <Table.Th scope="col">{t('planning.promise.confidence')}</Table.Th>
            <Table.Th scope="col">{t('planning.promise.weeks')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {row(t('planning.promise.now'), plan.current)}
          {row(t('planning.promise.proposed'), plan.proposed)}
          {row(t('planning.promise.roundRobin'), plan.proposed, plan.proposed.roundRobin, false)}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A plan made: the roster per language and band, the promise predicted, and the week charted. */
export function PlanResult({
  plan,
  figures,
  headingId,
}: {
  plan: StaffingPlanResult;
  figures: Figures;
  headingId: string;
}) {
  const { t } = useTranslation();
  const days = byDay(plan.loadByHourOfWeek, plan.proposed.byHourOfWeek);
  const change = (value: number) => (value > 0 ? `+${figures.count(value)}` : figures.count(value));
  return (
    <Stack gap="md">
      <Text>{plan.reached ? t('planning.result.reached') : t('planning.result.notReached')}</Text>
      <Table.ScrollContainer minWidth={560}>
        <Table data-testid={`${headingId}-roster`}>
          <Table.Caption>{t('planning.roster.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('planning.roster.team')}</Table.Th>
              <Table.Th scope="col">{t('planning.roster.now')}</Table.Th>
              <Table.Th scope="col">{t('planning.roster.proposed')}</Table.Th>
              <Table.Th scope="col">{t('planning.roster.change')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.cells.flatMap((cell) => [
              <Table.Tr key={`${cell.language} ${cell.band}`} data-language={cell.language}>
                <Table.Th scope="row">
                  {t('planning.roster.cell', {
                    language: languageName(cell.language, figures.locale),
                    band: t(bandKeys[cell.band]),
                  })}
                </Table.Th>
                <Table.Td>{figures.count(cell.current)}</Table.Td>
                <Table.Td data-testid={`${headingId}-proposed-${cell.language}`}>
                  {figures.count(cell.proposed)}
                </Table.Td>
                <Table.Td>{change(cell.proposed - cell.current)}</Table.Td>
              </Table.Tr>,
              ...cell.patterns.map((pattern) => (
                <Table.Tr key={`${cell.language} ${cell.band} ${pattern.id}`}>
                  <Table.Td ps="xl">{t('planning.roster.pattern', { pattern: pattern.id })}</Table.Td>
                  <Table.Td>{figures.count(pattern.current)}</Table.Td>
                  <Table.Td>{figures.count(pattern.proposed)}</Table.Td>
                  <Table.Td>{change(pattern.proposed - pattern.current)}</Table.Td>
                </Table.Tr>
              )),
            ])}
            <Table.Tr>
              <Table.Th scope="row">{t('planning.roster.total')}</Table.Th>
              <Table.Td>{figures.count(plan.currentSize)}</Table.Td>
              <Table.Td>{figures.count(plan.proposedSize)}</Table.Td>
              <Table.Td>{change(plan.proposedSize - plan.currentSize)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <PromiseTable plan={plan} figures={figures} caption={t('planning.promise.caption')} />
      <Paper withBorder p="md" component="section" aria-labelledby={`${headingId}-week`}>
        <Title order={3} size="h4" id={`${headingId}-week`} mb="sm">
          {t('planning.week.heading')}
        </Title>
        <HourOfWeekChart
          values={plan.loadByHourOfWeek}
          label={t('planning.week.loadChart')}
          dayNames={figures.dayNames}
          rtl={figures.rtl}
          format={(value) => figures.count(Math.round(value * 10) / 10)}
        />
        <HourOfWeekChart
          values={plan.proposed.byHourOfWeek}
          label={t('planning.week.promiseChart')}
          dayNames={figures.dayNames}
          rtl={figures.rtl}
          format={(value) => figures.percent(value)}
          domain={[0, 1]}
        />
        <Table.ScrollContainer minWidth={320}>
          <Table>
            <Table.Caption>{t('planning.week.tableCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('planning.week.day')}</Table.Th>
                <Table.Th scope="col">{t('planning.week.requests')}</Table.Th>
                <Table.Th scope="col">{t('planning.week.kept')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {days.map((day, index) => (
                <Table.Tr key={index}>
                  <Table.Th scope="row">{figures.dayNames[index]}</Table.Th>
                  <Table.Td>{figures.count(Math.round(day.requests))}</Table.Td>
                  <Table.Td>{figures.percent(day.kept)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
