import {
  Alert,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  PlanningExample,
  StaffingPlanRequestInput,
  StaffingPlanResult,
  StaffingPlanView,
  WhatIfInput,
} from '../../../../shared/planning';
import { planningApi, planningKeys } from '../../../api/planning';
import { formatNumber, languageName } from '../../../app/format';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { directionOf, isLocale } from '../../../i18n/locales';
import { bandKeys, PlanResult, type Figures } from './PlanResult';

/** The words naming each example market (written out, so the catalogue check finds them). */
const exampleKeys = { 'gulf-market': 'planning.example.gulfMarket' } as const satisfies Record<
  PlanningExample,
  string
>;

/** Reads a plan until its job has made it (or failed): a planning run takes seconds to a minute. */
function usePlan(id: string | null) {
  return useQuery({
    queryKey: planningKeys.plan(id ?? ''),
    queryFn: () => planningApi.plan(id!),
    enabled: id !== null,
    refetchInterval: (query) => {
      const status = (query.state.data as StaffingPlanView | undefined)?.status;
      return status === 'done' || status === 'failed' ? false : 1_000;
    },
  });
}

function PlanState({
  id,
  figures,
  headingId,
  title,
}: {
  id: string;
  figures: Figures;
  headingId: string;
  title: string;
}) {
  const { t } = useTranslation();
  const plan = usePlan(id);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId} mb="sm">
        {title}
      </Title>
      {plan.error && <ErrorNotice error={plan.error} />}
      {(plan.isPending || plan.data?.status === 'queued' || plan.data?.status === 'running') && (
        <Text role="status">{t('planning.running')}</Text>
      )}
      {plan.data?.status === 'failed' && <Alert color="red">{t('planning.failed')}</Alert>}
      {plan.data?.status === 'done' && plan.data.result && (
        <PlanResult plan={plan.data.result} figures={figures} headingId={headingId} />
      )}
    </Paper>
  );
}

/** Before and after the what-if, side by side: the roster per team and the promise. */
function Comparison({ before, after, figures }: { before: string; after: string; figures: Figures }) {
  const { t } = useTranslation();
  const first = usePlan(before).data?.result;
  const second = usePlan(after).data?.result;
  if (!first || !second) return null;
  const cellsOf = (plan: StaffingPlanResult) =>
    new Map(plan.cells.map((cell) => [`${cell.language} ${cell.band}`, cell]));
  const [a, b] = [cellsOf(first), cellsOf(second)];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="planner-compare">
      <Title order={2} size="h3" id="planner-compare" mb="sm">
        {t('planning.compare.heading')}
      </Title>
      <Table.ScrollContainer minWidth={480}>
        <Table data-testid="planner-compare">
          <Table.Caption>{t('planning.compare.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('planning.roster.team')}</Table.Th>
              <Table.Th scope="col">{t('planning.compare.before')}</Table.Th>
              <Table.Th scope="col">{t('planning.compare.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...a.values()].map((cell) => (
              <Table.Tr key={`${cell.language} ${cell.band}`}>
                <Table.Th scope="row">
                  {t('planning.roster.cell', {
                    language: languageName(cell.language, figures.locale),
                    band: t(bandKeys[cell.band]),
                  })}
                </Table.Th>
                <Table.Td>{figures.count(cell.proposed)}</Table.Td>
                <Table.Td data-testid={`compare-after-${cell.language}`}>
                  {figures.count(b.get(`${cell.language} ${cell.band}`)?.proposed ?? 0)}
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th scope="row">{t('planning.roster.total')}</Table.Th>
              <Table.Td>{figures.count(first.proposedSize)}</Table.Td>
              <Table.Td>{figures.count(second.proposedSize)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('planning.compare.promise')}</Table.Th>
              <Table.Td>{figures.percent(first.proposed.pooled.share)}</Table.Td>
              <Table.Td>{figures.percent(second.proposed.pooled.share)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('planning.compare.promiseNow')}</Table.Th>
              <Table.Td>{figures.percent(first.current.pooled.share)}</Table.Td>
              <Table.Td>{figures.percent(second.current.pooled.share)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** `/ops/planner`: the smallest roster that keeps the promise, and what-ifs against it. */
export function PlannerPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const forecast = useQuery({ queryKey: planningKeys.forecast, queryFn: () => planningApi.forecast(4) });
  const [source, setSource] = useState<string | null>(null);
  const [target, setTarget] = useState<number | string>(99.5);
  const [surgeLanguage, setSurgeLanguage] = useState('');
  const [surgeFactor, setSurgeFactor] = useState<number | string>(1.5);
  const [offSick, setOffSick] = useState<number | string>(0);
  const [holiday, setHoliday] = useState<number | string>(0);
  const [baseId, setBaseId] = useState<string | null>(null);
  const [whatIfId, setWhatIfId] = useState<string | null>(null);
  const ask = useMutation({ mutationFn: (body: StaffingPlanRequestInput) => planningApi.requestPlan(body) });

  const figures: Figures = {
    locale,
    rtl: isLocale(locale) && directionOf(locale) === 'rtl',
    count: (value) => formatNumber(value, locale),
    percent: (share) =>
      share === null ? '–' : formatNumber(share, locale, { style: 'percent', maximumFractionDigits: 2 }),
    dayNames: Array.from({ length: 7 }, (_, day) =>
      new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(
        new Date(Date.UTC(2026, 10, 2 + day)),
      ),
    ),
  };

  if (forecast.isPending) return <Loading />;
  if (forecast.error) return <ErrorNotice error={forecast.error} />;
  const data = forecast.data;
  const chosen = source ?? (data.history ? 'history' : `example:${data.examples[0]?.name ?? ''}`);
  const summary =
    chosen === 'history'
      ? data.history
      : data.examples.find((example) => `example:${example.name}` === chosen)?.summary;
  const basis = (): StaffingPlanRequestInput =>
    chosen === 'history'
      ? { source: 'history', weeks: data.weeks, targetPercent: Number(target) }
      : {
          source: 'example',
          example: chosen.slice('example:'.length) as PlanningExample,
          targetPercent: Number(target),
        };
  const whatIf: WhatIfInput = {
    surges: surgeLanguage ? [{ language: surgeLanguage, factor: Number(surgeFactor) }] : [],
    offSick: Number(offSick),
    holidayLeaveShare: Number(holiday) / 100,
  };

  return (
    <Stack gap="lg">
      <PageHeading>{t('planning.title')}</PageHeading>
      <Text>{t('planning.intro')}</Text>
      <Paper withBorder p="md" component="section" aria-labelledby="planner-basis">
        <Title order={2} size="h3" id="planner-basis" mb="sm">
          {t('planning.basis.heading')}
        </Title>
        <Stack gap="sm">
          {data.history ? (
            <Text>
              {t('planning.basis.history', {
                weeks: figures.count(data.weeks),
                submissions: figures.count(data.submissions),
              })}
            </Text>
          ) : (
            <Alert color="yellow" data-testid="planner-too-few">
              {t('planning.basis.tooFew', {
                weeks: figures.count(data.weeks),
                submissions: figures.count(data.submissions),
                minimum: figures.count(data.minimumSubmissions),
              })}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('planning.basis.source')}
              value={chosen}
              onChange={(event) => setSource(event.currentTarget.value)}
              data={[
                ...(data.history ? [{ value: 'history', label: t('planning.basis.fromData') }] : []),
                ...data.examples.map((example) => ({
                  value: `example:${example.name}`,
                  label: t(exampleKeys[example.name]),
                })),
              ]}
            />
            <NumberInput
              label={t('planning.basis.target')}
              value={target}
              onChange={setTarget}
              min={50}
              max={100}
              step={0.1}
              decimalScale={2}
            />
          </SimpleGrid>
          {summary && (
            <Text size="sm" data-testid="planner-summary">
              {t('planning.basis.summary', {
                requests: figures.count(Math.round(summary.requestsPerWeek)),
                caseManagers: figures.count(summary.caseManagers),
                languages: summary.loadByLanguage
                  .map((entry) => languageName(entry.language, locale))
                  .join(', '),
              })}
            </Text>
          )}
          <Group>
            <Button
              loading={ask.isPending}
              onClick={() =>
                ask.mutate(basis(), {
                  onSuccess: (plan) => {
                    setBaseId(plan.id);
                    setWhatIfId(null);
                  },
                })
              }
            >
              {t('planning.run')}
            </Button>
          </Group>
          {ask.error && <ErrorNotice error={ask.error} />}
        </Stack>
      </Paper>
      {baseId && (
        <PlanState
          id={baseId}
          figures={figures}
          headingId="planner-base"
          title={t('planning.result.heading')}
        />
      )}
      {baseId && (
        <Paper withBorder p="md" component="section" aria-labelledby="planner-what-if">
          <Title order={2} size="h3" id="planner-what-if" mb="sm">
            {t('planning.whatIf.heading')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <NativeSelect
              label={t('planning.whatIf.surgeLanguage')}
              value={surgeLanguage}
              onChange={(event) => setSurgeLanguage(event.currentTarget.value)}
              data={[
                { value: '', label: t('planning.whatIf.noSurge') },
                ...(summary?.loadByLanguage ?? []).map((entry) => ({
                  value: entry.language,
                  label: languageName(entry.language, locale),
                })),
              ]}
            />
            <NumberInput
              label={t('planning.whatIf.surgeFactor')}
              value={surgeFactor}
              onChange={setSurgeFactor}
              min={0}
              max={10}
              step={0.1}
              decimalScale={2}
            />
            <NumberInput
              label={t('planning.whatIf.offSick')}
              value={offSick}
              onChange={setOffSick}
              min={0}
              max={200}
              allowDecimal={false}
            />
            <NumberInput
              label={t('planning.whatIf.holiday')}
              value={holiday}
              onChange={setHoliday}
              min={0}
              max={90}
              allowDecimal={false}
            />
          </SimpleGrid>
          <Group mt="sm">
            <Button
              variant="light"
              loading={ask.isPending}
              onClick={() =>
                ask.mutate({ ...basis(), whatIf }, { onSuccess: (plan) => setWhatIfId(plan.id) })
              }
            >
              {t('planning.whatIf.run')}
            </Button>
          </Group>
        </Paper>
      )}
      {whatIfId && (
        <PlanState
          id={whatIfId}
          figures={figures}
          headingId="planner-after"
          title={t('planning.result.whatIfHeading')}
        />
      )}
      {baseId && whatIfId && <Comparison before={baseId} after={whatIfId} figures={figures} />}
    </Stack>
  );
}
