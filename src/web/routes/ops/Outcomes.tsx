import {
  List,
  Anchor,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  outcomeBreakdowns,
  type OutcomeAnalytics,
  type OutcomeBreakdown,
  type Share,
} from '../../../shared/outcomes';
import { ErrorNotice } from '../../components/ErrorNotice';
import { withoutReviewKey } from '../../features/cases/withoutReview';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { outcomesApi, outcomesKeys, type AnalyticsFilter } from '../../features/outcomes/api';
import { actionLabel, breakdownLabel, groupLabel } from '../../features/outcomes/labels';
import { ShareChart } from '../../features/outcomes/ShareChart';
import { useShareWords } from '../../features/outcomes/useShareWords';
import { directionOf, isLocale } from '../../i18n/locales';

const OURS = '#1c7ed6';
const PUBLISHED = '#868e96';
const TREATMENT = '#e8590c';

function Figure({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: string;
  detail?: string;
  testId: string;
}) {
  return (
    <Paper withBorder p="md">
      <Text size="sm">{label}</Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
      {detail && <Text size="sm">{detail}</Text>}
    </Paper>
  );
}

/** Our shares beside the published ones: a chart with whiskers and the same figures as a table. */
function Comparison({ data, rtl }: { data: OutcomeAnalytics; rtl: boolean }) {
  const { t, i18n } = useTranslation();
  const words = useShareWords();
  const rows: { label: string; ours: Share; published: Share }[] = [
    {
      label: t('outcomes.diagnosisChanged'),
      ours: data.diagnosisChanged,
      published: data.published.diagnosisChanged,
    },
    {
      label: t('outcomes.treatmentChanged'),
      ours: data.treatmentChanged,
      published: data.published.treatmentChanged,
    },
  ];
  const ours = t('outcomes.ours');
  const published = t('outcomes.published', { source: data.published.source });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="outcomes-comparison">
      <Title order={2} size="h3" id="outcomes-comparison" mb="sm">
        {t('outcomes.comparison.heading')}
      </Title>
      <Stack gap="sm">
        <ShareChart
          rows={rows.map((row) => ({
            label: row.label,
            shares: { ours: row.ours, published: row.published },
          }))}
          series={[
            { key: 'ours', name: ours, colour: OURS },
            { key: 'published', name: published, colour: PUBLISHED },
          ]}
          label={t('outcomes.comparison.chart')}
          rtl={rtl}
          locale={i18n.language}
        />
        <Table.ScrollContainer minWidth={480}>
          <Table striped data-testid="outcomes-comparison">
            <Table.Caption>{t('outcomes.comparison.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('outcomes.figure')}</Table.Th>
                <Table.Th scope="col">{ours}</Table.Th>
                <Table.Th scope="col">{t('outcomes.interval95')}</Table.Th>
                <Table.Th scope="col">{published}</Table.Th>
                <Table.Th scope="col">{t('outcomes.interval95')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.label}>
                  <Table.Th scope="row">{row.label}</Table.Th>
                  <Table.Td>{words.percent(row.ours)}</Table.Td>
                  <Table.Td>{words.interval(row.ours)}</Table.Td>
                  <Table.Td>{words.percent(row.published)}</Table.Td>
                  <Table.Td>{words.interval(row.published)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="sm">
          {t('outcomes.publishedNote', {
            source: data.published.source,
            cases: words.count(data.published.cases),
          })}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The shares of each group of the breakdown, as bars with whiskers and as a table. */
function Breakdown({ data, rtl }: { data: OutcomeAnalytics; rtl: boolean }) {
  const { t, i18n } = useTranslation();
  const words = useShareWords();
  const groups = data.groups.map((group) => ({
    ...group,
    label: groupLabel(t, data.by, group.key, i18n.language),
  }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="outcomes-breakdown">
      <Title order={2} size="h3" id="outcomes-breakdown" mb="sm">
        {t('outcomes.breakdown.heading', { by: breakdownLabel(t, data.by) })}
      </Title>
      {groups.length === 0 ? (
        <Text>{t('outcomes.noCases')}</Text>
      ) : (
        <Stack gap="sm">
          <ShareChart
            rows={groups.map((group) => ({
              label: group.label,
              shares: { diagnosis: group.diagnosisChanged, treatment: group.treatmentChanged },
            }))}
            series={[
              { key: 'diagnosis', name: t('outcomes.diagnosisChanged'), colour: OURS },
              { key: 'treatment', name: t('outcomes.treatmentChanged'), colour: TREATMENT },
            ]}
            label={t('outcomes.breakdown.chart', { by: breakdownLabel(t, data.by) })}
            rtl={rtl}
            locale={i18n.language}
          />
          <Table.ScrollContainer minWidth={560}>
            <Table striped data-testid="outcomes-breakdown">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{breakdownLabel(t, data.by)}</Table.Th>
                  <Table.Th scope="col">{t('outcomes.cases')}</Table.Th>
                  <Table.Th scope="col">{t('outcomes.diagnosisChanged')}</Table.Th>
                  <Table.Th scope="col">{t('outcomes.interval95')}</Table.Th>
                  <Table.Th scope="col">{t('outcomes.treatmentChanged')}</Table.Th>
                  <Table.Th scope="col">{t('outcomes.interval95')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.map((group) => (
                  <Table.Tr key={group.key}>
                    <Table.Th scope="row">{group.label}</Table.Th>
                    <Table.Td>{words.count(group.cases)}</Table.Td>
                    <Table.Td>{words.percent(group.diagnosisChanged)}</Table.Td>
                    <Table.Td>{words.interval(group.diagnosisChanged)}</Table.Td>
                    <Table.Td>{words.percent(group.treatmentChanged)}</Table.Td>
                    <Table.Td>{words.interval(group.treatmentChanged)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Paper>
  );
}

/** What members did after the opinion: each case's latest answer. */
function Afterwards({ data }: { data: OutcomeAnalytics }) {
  const { t } = useTranslation();
  const words = useShareWords();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="outcomes-afterwards">
      <Title order={2} size="h3" id="outcomes-afterwards" mb="sm">
        {t('outcomes.afterwards.heading')}
      </Title>
      <Text mb="sm">{t('outcomes.afterwards.intro', { count: data.followUp.cases })}</Text>
      <Table.ScrollContainer minWidth={400}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('outcomes.afterwards.action')}</Table.Th>
              <Table.Th scope="col">{t('outcomes.cases')}</Table.Th>
              <Table.Th scope="col">{t('outcomes.share')}</Table.Th>
              <Table.Th scope="col">{t('outcomes.interval95')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.followUp.actions.map(({ action, share }) => (
              <Table.Tr key={action}>
                <Table.Th scope="row">{actionLabel(t, action)}</Table.Th>
                <Table.Td>{words.count(share.n)}</Table.Td>
                <Table.Td>{words.percent(share)}</Table.Td>
                <Table.Td>{words.interval(share)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** `/ops/outcomes`: what second opinions changed, per case, beside the published figures. */
export function OutcomesPage() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<AnalyticsFilter>({ by: 'month' });
  const analytics = useQuery({
    queryKey: outcomesKeys.analytics(filter),
    queryFn: () => outcomesApi.analytics(filter),
  });
  const words = useShareWords();
  const locale = i18n.language;
  const rtl = isLocale(locale) && directionOf(locale) === 'rtl';
  const data = analytics.data;
  return (
    <Stack gap="lg">
      <PageHeading>{t('outcomes.title')}</PageHeading>
      <Group gap="md">
        <Anchor component={Link} to="/ops">
          {t('ops.nav.dashboard')}
        </Anchor>
      </Group>
      <Text>{t('outcomes.intro')}</Text>
      <Group
        align="end"
        gap="md"
        component="form"
        aria-label={t('outcomes.filter')}
        onSubmit={(event) => event.preventDefault()}
      >
        <NativeSelect
          label={t('outcomes.breakdownLabel')}
          value={filter.by}
          onChange={(event) => setFilter({ ...filter, by: event.currentTarget.value as OutcomeBreakdown })}
          data={outcomeBreakdowns.map((by) => ({ value: by, label: breakdownLabel(t, by) }))}
        />
        <TextInput
          type="date"
          label={t('outcomes.from')}
          value={filter.from ?? ''}
          onChange={(event) => setFilter({ ...filter, from: event.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          label={t('outcomes.to')}
          value={filter.to ?? ''}
          onChange={(event) => setFilter({ ...filter, to: event.currentTarget.value || undefined })}
        />
        <Anchor href={outcomesApi.exportUrl(filter)} download>
          {t('outcomes.download')}
        </Anchor>
      </Group>
      {analytics.isPending && <Loading />}
      {analytics.error && <ErrorNotice error={analytics.error} />}
      {data && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <Figure
              label={t('outcomes.casesCounted')}
              value={words.count(data.cases)}
              testId="outcomes-cases"
            />
            <Figure
              label={t('outcomes.diagnosisChanged')}
              value={words.percent(data.diagnosisChanged)}
              detail={
                data.diagnosisChanged.share === null ? undefined : words.interval(data.diagnosisChanged)
              }
              testId="outcomes-diagnosis-changed"
            />
            <Figure
              label={t('outcomes.treatmentChanged')}
              value={words.percent(data.treatmentChanged)}
              detail={
                data.treatmentChanged.share === null ? undefined : words.interval(data.treatmentChanged)
              }
              testId="outcomes-treatment-changed"
            />
            <Figure
              label={t('outcomes.countedApart')}
              value={words.count(data.withoutReview + data.awaitingReconciliation)}
              detail={t('outcomes.countedApartDetail', {
                withoutReview: data.withoutReview,
                awaiting: data.awaitingReconciliation,
              })}
              testId="outcomes-apart"
            />
          </SimpleGrid>
          <WithoutReviewReasons data={data} />
          <Comparison data={data} rtl={rtl} />
          <Breakdown data={data} rtl={rtl} />
          <Afterwards data={data} />
        </>
      )}
    </Stack>
  );
}

/** The cases delivered without a specialist review, by the reason recorded at delivery. */
function WithoutReviewReasons({ data }: { data: OutcomeAnalytics }) {
  const { t } = useTranslation();
  const counted = data.withoutReviewByReason.filter((row) => row.cases > 0);
  if (counted.length === 0) return null;
  return (
    <Stack gap={4} data-testid="outcomes-without-review">
      <Text fw={600}>{t('outcomes.withoutReviewByReason')}</Text>
      <List size="sm">
        {counted.map((row) => (
          <List.Item key={row.reason}>
            {t('outcomes.reasonCount', {
              reason:
                row.reason === 'not_recorded'
                  ? t('outcomes.reasonNotRecorded')
                  : t(withoutReviewKey[row.reason]),
              count: row.cases,
            })}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
