import { Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useAreas } from '../../i18n';
import { QuestionWithAnswers } from './Answers';
import { followupKeys, followupsApi } from './api';

/**
 * On the member's case page once the recommendations are delivered: the questions the case manager
 * forwarded to the specialists, and their answers, each labelled with the language it was written in.
 */
export function MemberFollowupsPanel({ caseId, timeZone }: { caseId: string; timeZone: string | undefined }) {
  const ready = useAreas(['followups', 'errors']);
  const { t } = useTranslation();
  const list = useQuery({ queryKey: followupKeys.ofCase(caseId), queryFn: () => followupsApi.list(caseId) });
  if (!ready) return <Loading />;
  if (list.data && list.data.items.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="case-followups">
      <Stack gap="sm">
        <Title order={2} size="h3" id="case-followups">
          {t('followups.member.heading')}
        </Title>
        <Text size="sm">{t('followups.member.intro')}</Text>
        <ErrorNotice error={list.error} />
        {list.isPending && <Loading />}
        <Stack component="ul" gap="md" className="plain-list">
          {list.data?.items.map((question) => (
            <QuestionWithAnswers key={question.id} question={question} timeZone={timeZone} />
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
