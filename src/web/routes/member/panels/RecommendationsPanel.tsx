import { Alert, Button, List, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, queryKeys, type Recommendations } from '../../../api/endpoints';
import { formatMoment } from '../../../app/format';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { Panel } from '../Panel';

/** The recommendations once delivered: read, say so, and ask a question about them. */
export function RecommendationsPanel({
  caseId,
  recommendations,
  timeZone,
  onAsk,
}: {
  caseId: string;
  recommendations: Recommendations;
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
              <List.Item key={index}>{step}</List.Item>
            ))}
          </List>
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
