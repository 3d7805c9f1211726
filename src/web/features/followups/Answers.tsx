import { Badge, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowupAnswer, FollowupQuestion } from '../../../shared/followups';
import { formatMoment, languageName } from '../../app/format';
import { UserText } from '../../components/UserText';

/** Each state of a specialist's part in words; written out so that the catalogue test sees every key. */
export const followupStatusKey = {
  open: 'followups.status.open',
  answered: 'followups.status.answered',
  ended: 'followups.status.ended',
} as const;

/** Dark enough for white words on every state (contrast 4.5:1 at least). */
export const followupStatusColour = { open: '#005476', answered: '#1b5e20', ended: '#3e4c59' } as const;

/**
 * One question and each specialist's answer: the case manager's plain-language summary first, then
 * the specialist's words with the language they were written in. `below` adds the case manager's
 * summary form under an answer.
 */
export function QuestionWithAnswers({
  question,
  timeZone,
  below,
}: {
  question: FollowupQuestion;
  timeZone: string | undefined;
  below?: (answer: FollowupAnswer) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <Stack gap="xs" component="li">
      <Text fw={600}>{t('followups.question')}</Text>
      <Text className="message-body">
        <UserText>{question.question}</UserText>
      </Text>
      <Text size="sm" c="dimmed">
        {t('followups.askedAt', { at: formatMoment(question.askedAt, locale, timeZone) })}
      </Text>
      {question.answers.map((answer) => {
        const who = [answer.specialist.title, answer.specialist.name].filter(Boolean).join(' ');
        return (
          <Stack key={answer.id} gap={4} pl="md" className="followup-answer">
            <Group gap="xs">
              <Text fw={600}>
                <UserText>{who}</UserText>
              </Text>
              <Badge variant="filled" color={followupStatusColour[answer.status]}>
                {t(followupStatusKey[answer.status])}
              </Badge>
            </Group>
            {answer.summary && (
              <Stack gap={2} data-layer="summary">
                <Text size="sm" fw={600}>
                  {t('followups.summary.heading')}
                </Text>
                <Text className="message-body" lang={answer.summary.language} dir="auto">
                  <UserText>{answer.summary.body}</UserText>
                </Text>
              </Stack>
            )}
            {answer.addendum ? (
              <Stack gap={2} data-layer="original">
                {answer.summary && (
                  <Text size="sm" fw={600}>
                    {t('followups.summary.original')}
                  </Text>
                )}
                <Text className="message-body" lang={answer.addendum.language} dir="auto">
                  <UserText>{answer.addendum.body}</UserText>
                </Text>
                <Text size="sm" c="dimmed">
                  {t('followups.writtenIn', {
                    language: languageName(answer.addendum.language, locale),
                    at: formatMoment(answer.addendum.submittedAt, locale, timeZone),
                  })}
                  {answer.addendum.version > 1 &&
                    ` · ${t('followups.version', { version: answer.addendum.version })}`}
                </Text>
              </Stack>
            ) : (
              !answer.preparing && (
                <Text size="sm">
                  {answer.status === 'open'
                    ? t('followups.awaited', { at: formatMoment(answer.dueAt, locale, timeZone) })
                    : t('followups.unanswered')}
                </Text>
              )
            )}
            {answer.preparing && !below && (
              <Text size="sm" role="status">
                {answer.addendum ? t('followups.preparingNewer') : t('followups.preparing')}
              </Text>
            )}
            {answer.addendum && below?.(answer)}
          </Stack>
        );
      })}
    </Stack>
  );
}
