import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FollowupQuestion } from '../../../shared/followups';
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

/** One question and each specialist's answer (its latest version), with the language it was written in. */
export function QuestionWithAnswers({
  question,
  timeZone,
}: {
  question: FollowupQuestion;
  timeZone: string | undefined;
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
            {answer.addendum ? (
              <>
                <Text className="message-body" lang={answer.addendum.language}>
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
              </>
            ) : (
              <Text size="sm">
                {answer.status === 'open'
                  ? t('followups.awaited', { at: formatMoment(answer.dueAt, locale, timeZone) })
                  : t('followups.unanswered')}
              </Text>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
