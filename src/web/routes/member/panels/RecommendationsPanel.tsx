import { Alert, Button, List, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDocument } from '../../../../shared/documents';
import { api, queryKeys, type Recommendations } from '../../../api/endpoints';
import { formatMoment, isolate, withoutDirectionControls } from '../../../app/format';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { DocumentLinks } from '../../../features/documents/DocumentLinks';
import { Panel } from '../Panel';
import { UserText } from '../../../components/UserText';

/**
 * The recommendations once delivered: read, say so, ask a question about them, and open or
 * download the written opinion report (filed among the case's records by the service itself).
 */
export function RecommendationsPanel({
  caseId,
  recommendations,
  reports,
  timeZone,
  onAsk,
}: {
  caseId: string;
  recommendations: Recommendations;
  reports: CaseDocument[];
  timeZone: string | undefined;
  onAsk: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const acknowledge = useMutation({
    mutationFn: () => api.acknowledgeRecommendations(caseId),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.recommendations(caseId), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseEvents(caseId) });
    },
  });
  return (
    <Panel id="case-recommendations" title={t('case.recommendations.heading')}>
      {recommendations.deliveredAt && (
        <Text size="sm" c="dimmed">
          {t('case.recommendations.delivered', {
            time: formatMoment(recommendations.deliveredAt, i18n.language, timeZone),
          })}
        </Text>
      )}
      {/* Rendered from Markdown and sanitised by the server against a small allowlist. */}
      <div
        className="recommendations"
        lang={recommendations.language}
        dangerouslySetInnerHTML={{ __html: recommendations.html }}
      />
      {recommendations.nextSteps.length > 0 && (
        <>
          <Title order={3} size="h4">
            {t('case.recommendations.nextSteps')}
          </Title>
          <List type="ordered">
            {recommendations.nextSteps.map((step, index) => (
              <List.Item key={index}>
                <UserText>{step}</UserText>
              </List.Item>
            ))}
          </List>
        </>
      )}
      {reports.length > 0 && (
        <>
          <Title order={3} size="h4" id="case-report">
            {t('case.recommendations.report')}
          </Title>
          <Stack component="ul" gap="xs" className="plain-list" aria-labelledby="case-report">
            {reports.map((report) => (
              <Stack component="li" gap={2} key={report.id} data-report-id={report.id}>
                <Text size="sm">
                  {t('case.recommendations.reportItem', {
                    title: isolate(withoutDirectionControls(report.title)),
                    date: formatMoment(report.createdAt, i18n.language, timeZone),
                  })}
                </Text>
                <DocumentLinks caseId={caseId} document={report} />
              </Stack>
            ))}
          </Stack>
        </>
      )}
      {recommendations.acknowledgedAt ? (
        <Alert variant="light" role="status">
          {t('case.recommendations.acknowledged', {
            time: formatMoment(recommendations.acknowledgedAt, i18n.language, timeZone),
          })}
        </Alert>
      ) : (
        <Button w="fit-content" onClick={() => acknowledge.mutate()} loading={acknowledge.isPending}>
          {t('case.recommendations.acknowledge')}
        </Button>
      )}
      <ErrorNotice error={acknowledge.error} />
      <Button variant="default" w="fit-content" onClick={onAsk}>
        {t('case.recommendations.ask')}
      </Button>
    </Panel>
  );
}
