import { Button, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AddendumSummaryEntry, MAX_ADDENDUM, type FollowupAnswer } from '../../../shared/followups';
import { useFormCheck } from '../../app/formCheck';
import { formatMoment, languageName } from '../../app/format';
import { GrowingTextarea } from '../../components/GrowingTextarea';
import { PlainLanguageHints } from '../opinion-layers/PlainLanguageHints';
import { staffWords } from '../staff/fieldWords';
import { WriteError } from '../staff/WriteError';
import { followupKeys, followupsApi } from './api';

/**
 * The case manager's plain-language summary of the latest version of a specialist's answer, in the
 * member's language, with the same hints as the opinion's summary. The member reads that version
 * once it is saved, and is told by e-mail.
 */
export function AddendumSummaryForm({
  caseId,
  answer,
  memberLanguage,
  timeZone,
}: {
  caseId: string;
  answer: FollowupAnswer;
  memberLanguage: string;
  timeZone: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const addendum = answer.addendum!;
  const current = answer.summary?.addendumVersion === addendum.version ? answer.summary : null;
  const [body, setBody] = useState<string | null>(null);
  const text = body ?? current?.body ?? '';
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, { words: staffWords(t) });
  const entry = () => ({ addendumVersion: addendum.version, language: memberLanguage, body: text });
  const save = useMutation({
    mutationFn: () => followupsApi.summarise(caseId, answer.id, entry()),
    onError: fields.refused,
    onSuccess: () => {
      setBody(null);
      void client.invalidateQueries({ queryKey: followupKeys.ofCase(caseId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (fields.check(AddendumSummaryEntry, entry())) save.mutate();
  };
  return (
    <form ref={form} onSubmit={submit} noValidate aria-label={t('followups.cm.summaryFor')}>
      <Stack gap="xs">
        <Text size="sm">
          {t('followups.cm.summaryHelp', { language: languageName(memberLanguage, i18n.language) })}
        </Text>
        {!current && (
          <Text size="sm" c="#8a4b00" role="status">
            {t('followups.cm.summaryMissing')}
          </Text>
        )}
        <GrowingTextarea
          label={t('followups.cm.summaryBody', { version: addendum.version })}
          value={text}
          onChange={(event) => setBody(event.currentTarget.value)}
          lang={memberLanguage}
          minRows={3}
          maxLength={MAX_ADDENDUM}
          error={fields.errors.body}
        />
        <PlainLanguageHints text={text} language={memberLanguage} />
        <WriteError error={save.error} />
        {current && (
          <Text size="sm" c="dimmed">
            {t('followups.cm.summarySaved', {
              name: current.writtenBy ?? '',
              time: formatMoment(current.writtenAt, i18n.language, timeZone),
            })}
          </Text>
        )}
        <Button type="submit" variant="default" w="fit-content" loading={save.isPending}>
          {t('followups.cm.saveSummary')}
        </Button>
      </Stack>
    </form>
  );
}
