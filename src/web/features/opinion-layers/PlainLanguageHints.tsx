import { Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { plainLanguageHints } from '../../../shared/plain-language';

/**
 * The plain-language hints of a summary for the member, as it is typed: the opinion's summary and
 * each answer's (the follow-up addenda). Its words are in the staff area.
 */
export function PlainLanguageHints({ text, language }: { text: string; language: string }) {
  const { t } = useTranslation();
  const hints = useMemo(() => plainLanguageHints(text, language), [text, language]);
  if (!text.trim()) return null;
  const unit = hints.rule.sentenceUnit;
  return (
    <Stack gap={4} role="status" aria-live="polite" data-testid="plain-language-hints">
      <Text size="sm">
        {unit === 'characters'
          ? t('cm.layers.hints.sentencesCharacters', {
              count: hints.sentences,
              longest: hints.longestSentence,
              limit: hints.rule.sentenceLimit,
            })
          : t('cm.layers.hints.sentencesWords', {
              count: hints.sentences,
              longest: hints.longestSentence,
              limit: hints.rule.sentenceLimit,
            })}
      </Text>
      {hints.longSentences.length > 0 && (
        <Text size="sm" c="#8a4b00" data-hint="long-sentences">
          {t('cm.layers.hints.longSentences', { count: hints.longSentences.length })}
        </Text>
      )}
      {hints.longWords.length > 0 && (
        <Text size="sm" c="#8a4b00" data-hint="long-words">
          {t('cm.layers.hints.longWords', { words: hints.longWords.slice(0, 12).join(', ') })}
        </Text>
      )}
      {hints.longSentences.length === 0 && hints.longWords.length === 0 && (
        <Text size="sm">{t('cm.layers.hints.plain')}</Text>
      )}
    </Stack>
  );
}
