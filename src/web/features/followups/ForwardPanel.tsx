import { Button, Checkbox, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../shared/cases';
import { MAX_FOLLOWUP_QUESTION } from '../../../shared/followups';
import { api, queryKeys } from '../../api/endpoints';
import { staffApi, staffKeys } from '../../api/staff';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useAreas } from '../../i18n';
import { AddendumSummaryForm } from './AddendumSummaryForm';
import { QuestionWithAnswers } from './Answers';
import { followupKeys, followupsApi } from './api';

const answerable: readonly CaseStatus[] = ['recommendations_delivered', 'monitoring'];

/**
 * In the case manager's review tab: the member's follow-up questions after delivery, forwarded to
 * the specialists who gave the opinion (a message of the member copied in, or typed), and their
 * answers as they arrive, each with the summary the case manager writes for the member.
 */
export function ForwardPanel({
  caseId,
  status,
  memberLanguage,
  timeZone,
}: {
  caseId: string;
  status: CaseStatus;
  memberLanguage: string;
  timeZone: string | undefined;
}) {
  const ready = useAreas(['followups', 'errors', 'staff']);
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: followupKeys.ofCase(caseId), queryFn: () => followupsApi.list(caseId) });
  const reviews = useQuery({ queryKey: staffKeys.reviews(caseId), queryFn: () => staffApi.reviews(caseId) });
  const canForward = answerable.includes(status);
  const messages = useQuery({
    queryKey: queryKeys.messages(caseId),
    queryFn: () => api.messages(caseId),
    enabled: canForward,
  });
  const review = reviews.data?.items.filter((row) => row.status === 'complete').at(-1);
  const gave = review?.offers.filter((offer) => offer.status === 'submitted') ?? [];
  const [chosen, setChosen] = useState<string[] | null>(null);
  const offerIds = chosen ?? gave.map((offer) => offer.id);
  const [question, setQuestion] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const forward = useMutation({
    mutationFn: () => followupsApi.forward(caseId, { offerIds, question }, idempotencyKey),
    onSuccess: () => {
      setQuestion('');
      setIdempotencyKey(crypto.randomUUID());
      void queryClient.invalidateQueries({ queryKey: followupKeys.ofCase(caseId) });
    },
  });
  if (!ready) return <Loading />;
  const fromMember = messages.data?.items.filter((message) => message.author.role === 'member') ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    forward.mutate();
  };
  return (
    <Paper withBorder p="md" radius="md" mt="lg" component="section" aria-labelledby="cm-followups">
      <Stack gap="sm">
        <Title order={2} size="h3" id="cm-followups">
          {t('followups.cm.heading')}
        </Title>
        <ErrorNotice error={list.error ?? reviews.error} />
        {list.isPending && <Loading />}
        {list.data?.items.length === 0 && <Text>{t('followups.none')}</Text>}
        <Stack component="ul" gap="md" className="plain-list">
          {list.data?.items.map((item) => (
            <QuestionWithAnswers
              key={item.id}
              question={item}
              timeZone={timeZone}
              below={(answer) => (
                <AddendumSummaryForm
                  key={`${answer.id}-${answer.addendum?.version}`}
                  caseId={caseId}
                  answer={answer}
                  memberLanguage={memberLanguage}
                  timeZone={timeZone}
                />
              )}
            />
          ))}
        </Stack>
        {!canForward && <Text size="sm">{t('followups.cm.afterDelivery')}</Text>}
        {canForward && gave.length > 0 && (
          <form onSubmit={submit} aria-labelledby="cm-followups-form">
            <Stack gap="sm">
              <Title order={3} size="h4" id="cm-followups-form">
                {t('followups.cm.forward')}
              </Title>
              <Checkbox.Group label={t('followups.cm.specialists')} value={offerIds} onChange={setChosen}>
                <Stack gap={4} mt={4}>
                  {gave.map((offer) => (
                    <Checkbox
                      key={offer.id}
                      value={offer.id}
                      label={[offer.specialist.title, offer.specialist.name].filter(Boolean).join(' ')}
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
              {fromMember.length > 0 && (
                <NativeSelect
                  label={t('followups.cm.fromMessage')}
                  value=""
                  onChange={(event) => {
                    const message = fromMember.find((row) => row.id === event.currentTarget.value);
                    if (message) setQuestion(message.body.slice(0, MAX_FOLLOWUP_QUESTION));
                  }}
                  data={[
                    { value: '', label: t('followups.cm.chooseMessage') },
                    ...fromMember.map((message) => ({
                      value: message.id,
                      label: message.body.length > 80 ? `${message.body.slice(0, 80)}…` : message.body,
                    })),
                  ]}
                />
              )}
              <Textarea
                label={t('followups.cm.question')}
                description={t('followups.cm.questionHint')}
                value={question}
                onChange={(event) => setQuestion(event.currentTarget.value)}
                maxLength={MAX_FOLLOWUP_QUESTION}
                autosize
                minRows={3}
                required
              />
              <ErrorNotice error={forward.error} />
              <Button
                type="submit"
                loading={forward.isPending}
                disabled={offerIds.length === 0 || question.trim() === ''}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('followups.cm.send')}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
