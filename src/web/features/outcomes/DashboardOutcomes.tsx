import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { outcomesApi, outcomesKeys, type AnalyticsFilter } from './api';
import { useShareWords } from './useShareWords';

const allMonths: AnalyticsFilter = { by: 'month' };

/**
 * The dashboard's summary of what the opinions changed: each case counted once (a panel of two
 * gives one answer), with the 95 % interval, beside the published figures; the detail is on
 * `/ops/outcomes`.
 */
export function DashboardOutcomes() {
  const { t } = useTranslation();
  const words = useShareWords();
  const outcomes = useQuery({
    queryKey: outcomesKeys.analytics(allMonths),
    queryFn: () => outcomesApi.analytics(allMonths),
  });
  const data = outcomes.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dashboard-outcomes">
      <Title order={2} size="h3" id="dashboard-outcomes" mb="sm">
        {t('outcomes.dashboard.heading')}
      </Title>
      {outcomes.isPending && <Loading />}
      {outcomes.error && <ErrorNotice error={outcomes.error} />}
      {data && (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {[
              { label: t('outcomes.casesCounted'), value: words.count(data.cases), testId: 'outcome-cases' },
              {
                label: t('outcomes.diagnosisChanged'),
                value: words.percent(data.diagnosisChanged),
                detail:
                  data.diagnosisChanged.share === null ? undefined : words.interval(data.diagnosisChanged),
                testId: 'outcome-diagnosis-changed',
              },
              {
                label: t('outcomes.treatmentChanged'),
                value: words.percent(data.treatmentChanged),
                detail:
                  data.treatmentChanged.share === null ? undefined : words.interval(data.treatmentChanged),
                testId: 'outcome-treatment-changed',
              },
            ].map((figure) => (
              <Paper withBorder p="md" key={figure.testId}>
                <Text size="sm">{figure.label}</Text>
                <Text size="xl" fw={700} data-testid={figure.testId}>
                  {figure.value}
                </Text>
                {figure.detail && <Text size="sm">{figure.detail}</Text>}
              </Paper>
            ))}
          </SimpleGrid>
          <Text size="sm">
            {t('outcomes.dashboard.published', {
              diagnosis: words.percent(data.published.diagnosisChanged),
              treatment: words.percent(data.published.treatmentChanged),
              source: data.published.source,
            })}
          </Text>
          <Anchor component={Link} to="/ops/outcomes">
            {t('outcomes.dashboard.link')}
          </Anchor>
        </Stack>
      )}
    </Paper>
  );
}
