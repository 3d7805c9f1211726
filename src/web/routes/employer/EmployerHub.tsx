import {
  Alert,
  Badge,
  Group,
  List,
  NativeSelect,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AgeBand,
  EmployerHubFigures,
  EmployerHubOverview,
  HubBreakdown,
} from '../../../shared/employers';
import type { VirtualCareService } from '../../../shared/plans';
import { employerKeys, employersApi } from '../../api/employers';
import { formatCalendarDate, formatNumber } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { CountCell, FiguresTable } from '../../features/employers/Figures';

// Every enum value has its own key, written out so that the catalogue test sees each one used.
const breakdownKey = {
  none: 'employers.breakdown.none',
  country: 'employers.breakdown.country',
  plan: 'employers.breakdown.plan',
  age_band: 'employers.breakdown.age_band',
} as const satisfies Record<HubBreakdown, string>;

const ageBandKey = {
  under_18: 'employers.ageBand.under_18',
  '18_29': 'employers.ageBand.18_29',
  '30_44': 'employers.ageBand.30_44',
  '45_59': 'employers.ageBand.45_59',
  '60_plus': 'employers.ageBand.60_plus',
} as const satisfies Record<AgeBand, string>;

const serviceName = {
  second_medical_opinion: 'service.second_medical_opinion.name',
  virtual_doctor: 'service.virtual_doctor.name',
  mind_health: 'service.mind_health.name',
} as const satisfies Record<VirtualCareService, string>;

function AddOnsPanel({ overview }: { overview: EmployerHubOverview }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="employer-add-ons">
      <Stack gap="sm">
        <Title order={2} size="h3" id="employer-add-ons">
          {t('employers.addOns.heading')}
        </Title>
        {overview.plans.length === 0 && <Text>{t('employers.addOns.noPlans')}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="ul" className="plain-list">
          {overview.plans.map((plan) => (
            <Paper withBorder p="md" component="li" key={plan.planCode} data-plan={plan.planCode}>
              <Stack gap="xs">
                <Text fw={600}>{plan.planName}</Text>
                <List>
                  {plan.services.map((entry) => (
                    <List.Item key={entry.service}>
                      <Group gap="xs">
                        <span>{t(serviceName[entry.service])}</span>
                        <Badge variant="outline" color={entry.source === 'employer' ? 'grape.9' : 'brand.8'}>
                          {entry.source === 'employer'
                            ? t('employers.addOns.added')
                            : t('employers.addOns.onPlan')}
                        </Badge>
                      </Group>
                    </List.Item>
                  ))}
                </List>
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function ReviewsPanel({ reviews }: { reviews: EmployerHubFigures['reviews'] }) {
  const { t, i18n } = useTranslation();
  const count = reviews.count.kind === 'count' ? reviews.count.value : null;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="employer-reviews">
      <Stack gap="sm">
        <Title order={2} size="h3" id="employer-reviews">
          {t('employers.reviews.heading')}
        </Title>
        <Text>
          {t('employers.reviews.count')}: <CountCell cell={reviews.count} />
        </Text>
        <Text data-testid="employer-review-average">
          {reviews.average === null
            ? t('employers.reviews.noAverage')
            : t('employers.reviews.average', { average: formatNumber(reviews.average, i18n.language) })}
        </Text>
        <Stack gap={6} component="ul" className="plain-list" aria-label={t('employers.reviews.distribution')}>
          {(['5', '4', '3', '2', '1'] as const).map((stars) => {
            const cell = reviews.distribution[stars];
            const share = cell.kind === 'count' && count ? (cell.value / count) * 100 : 0;
            return (
              <Group component="li" key={stars} gap="sm" wrap="nowrap">
                <Text w={110}>{t('employers.reviews.stars', { stars: Number(stars) })}</Text>
                <Progress value={share} w={160} aria-hidden="true" />
                <CountCell cell={cell} />
              </Group>
            );
          })}
        </Stack>
      </Stack>
    </Paper>
  );
}

function FiguresPanels({ figures }: { figures: EmployerHubFigures }) {
  const { t, i18n } = useTranslation();
  const groupLabel = (group: EmployerHubFigures['groups'][number]) => {
    if (figures.breakdown === 'plan') return group.name ?? group.key;
    if (figures.breakdown === 'age_band') return t(ageBandKey[group.key as AgeBand]);
    return new Intl.DisplayNames([i18n.language], { type: 'region' }).of(group.key) ?? group.key;
  };
  const groups = figures.groups.map(groupLabel);
  const monthName = (month: string) =>
    new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${month}-01T00:00:00Z`),
    );
  return (
    <Stack gap="lg">
      <FiguresTable
        testId="employer-eligible"
        caption={t('employers.eligible.caption')}
        rowHeading={t('employers.table.measure')}
        groups={groups}
        rows={[{ label: t('employers.eligible.row'), row: figures.eligibleMembers }]}
      />
      <FiguresTable
        testId="employer-uptake"
        caption={t('employers.uptake.caption')}
        rowHeading={t('employers.table.month')}
        groups={groups}
        rows={[
          ...figures.uptake.months.map((month) => ({ label: monthName(month.month), row: month.row })),
          { label: t('employers.table.quarterTotal'), row: figures.uptake.total },
        ]}
      />
      <Stack gap="xs">
        <FiguresTable
          testId="employer-first-contact"
          caption={t('employers.firstContact.caption')}
          rowHeading={t('employers.table.measure')}
          groups={groups}
          rows={[
            { label: t('employers.firstContact.kept'), row: figures.firstContact.kept },
            { label: t('employers.firstContact.missed'), row: figures.firstContact.missed },
            { label: t('employers.firstContact.decided'), row: figures.firstContact.decided },
          ]}
        />
        <Text>
          {figures.firstContact.keptShare === null
            ? t('employers.firstContact.noShare')
            : t('employers.firstContact.share', {
                share: formatNumber(figures.firstContact.keptShare, i18n.language, { style: 'percent' }),
              })}
        </Text>
      </Stack>
      <ReviewsPanel reviews={figures.reviews} />
      <OutcomesPanel outcomes={figures.outcomes} groups={groups} />
    </Stack>
  );
}

/** What the second opinions changed: counts by the breakdown, and the company's shares when shown. */
function OutcomesPanel({ outcomes, groups }: { outcomes: EmployerHubFigures['outcomes']; groups: string[] }) {
  const { t, i18n } = useTranslation();
  const percent = (share: number) =>
    formatNumber(share, i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const { diagnosisChangedShare: diagnosis, treatmentChangedShare: treatment } = outcomes;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="employer-outcomes">
      <Stack gap="sm">
        <Title order={2} size="h3" id="employer-outcomes">
          {t('employers.outcomes.heading')}
        </Title>
        <FiguresTable
          testId="employer-outcomes-table"
          caption={t('employers.outcomes.caption')}
          rowHeading={t('employers.table.measure')}
          groups={groups}
          rows={[
            { label: t('employers.outcomes.diagnosisChanged'), row: outcomes.diagnosisChanged },
            { label: t('employers.outcomes.diagnosisNotChanged'), row: outcomes.diagnosisNotChanged },
            { label: t('employers.outcomes.treatmentChanged'), row: outcomes.treatmentChanged },
            { label: t('employers.outcomes.treatmentNotChanged'), row: outcomes.treatmentNotChanged },
            { label: t('employers.outcomes.cases'), row: outcomes.cases },
          ]}
        />
        {diagnosis !== null && (
          <Text>{t('employers.outcomes.diagnosisShare', { share: percent(diagnosis) })}</Text>
        )}
        {treatment !== null && (
          <Text>{t('employers.outcomes.treatmentShare', { share: percent(treatment) })}</Text>
        )}
        {(diagnosis === null || treatment === null) && <Text>{t('employers.outcomes.noShare')}</Text>}
      </Stack>
    </Paper>
  );
}

function Figures({ overview }: { overview: EmployerHubOverview }) {
  const { t, i18n } = useTranslation();
  // `2026-Q3` as the reader says it (and in the right order when the page reads right to left).
  const quarterName = (label: string) => {
    const [year = '', index = ''] = label.split('-Q');
    return t('employers.quarter.name', { year, index });
  };
  const [quarter, setQuarter] = useState(overview.quarters[0] ?? '');
  const [breakdown, setBreakdown] = useState<HubBreakdown>('none');
  const figures = useQuery({
    queryKey: employerKeys.figures(overview.employer.id, quarter, breakdown),
    queryFn: () => employersApi.figures(overview.employer.id, quarter, breakdown),
    enabled: quarter !== '',
  });
  if (overview.quarters.length === 0) return <Text>{t('employers.noQuarter')}</Text>;
  return (
    <Stack gap="md" component="section" aria-labelledby="employer-figures">
      <Title order={2} size="h3" id="employer-figures">
        {t('employers.figures.heading')}
      </Title>
      <Alert variant="light" color="brand" title={t('employers.privacy.title')}>
        {t('employers.privacy.body')}
      </Alert>
      <Group gap="md" align="end">
        <NativeSelect
          label={t('employers.quarter.label')}
          value={quarter}
          onChange={(event) => setQuarter(event.currentTarget.value)}
          data={overview.quarters.map((label) => ({ value: label, label: quarterName(label) }))}
        />
        <NativeSelect
          label={t('employers.breakdown.label')}
          value={breakdown}
          onChange={(event) => setBreakdown(event.currentTarget.value as HubBreakdown)}
          data={overview.breakdowns.map((value) => ({ value, label: t(breakdownKey[value]) }))}
        />
      </Group>
      {figures.isPending && <Loading />}
      {figures.error && <ErrorNotice error={figures.error} />}
      {figures.data && (
        <Stack gap="md">
          <Text>
            {t('employers.period', {
              from: formatCalendarDate(figures.data.period.from, i18n.language),
              to: formatCalendarDate(figures.data.period.to, i18n.language),
            })}
          </Text>
          <FiguresPanels figures={figures.data} />
        </Stack>
      )}
    </Stack>
  );
}

/** The employer admin's hub: the add-ons on the company's plans, and its figures, aggregates only. */
export function EmployerHubPage() {
  const { t } = useTranslation();
  const overview = useQuery({ queryKey: employerKeys.myHub, queryFn: employersApi.myHub });
  if (overview.isPending) return <Loading />;
  if (overview.error) return <ErrorNotice error={overview.error} />;
  return (
    <Stack gap="lg">
      <PageHeading>{t('employers.title', { employer: overview.data.employer.name })}</PageHeading>
      <Text>{t('employers.intro')}</Text>
      <AddOnsPanel overview={overview.data} />
      <Figures overview={overview.data} />
    </Stack>
  );
}

export default EmployerHubPage;
