import { Badge, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases';
import { formatMoment, zoneName } from '../../app/format';
import { promiseState } from './promise';

/** A titled section of the case page, reachable by its heading. */
export function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** The promise in words, with the time in the member's own zone, named. */
export function PromisePanel({ kase, now }: { kase: CaseDetail; now: Date }) {
  const { t, i18n } = useTranslation();
  const state = promiseState(kase, now);
  const due = formatMoment(kase.firstContactDueAt, i18n.language, kase.timeZone);
  // Dark enough for white text (AA); the words say the same, colour is never the only signal.
  const colour = { kept: '#1b5e20', late: '#8a3b00', missed: '#a51d1d', pending: '#005476' }[state];
  const label = {
    kept: t('case.promise.kept'),
    late: t('case.promise.late'),
    missed: t('case.promise.missed'),
    pending: t('case.promise.pending'),
  }[state];
  return (
    <Panel id="case-promise" title={t('case.promise.heading')}>
      <Text data-testid="promised-time">
        {t('case.promise.by', { time: due, timeZone: zoneName(kase.timeZone, i18n.language) })}
      </Text>
      <Badge color={colour} variant="filled" w="fit-content" data-promise={state}>
        {label}
      </Badge>
      {kase.firstContactedAt && (
        <Text size="sm">
          {t('case.promise.contactedAt', {
            time: formatMoment(kase.firstContactedAt, i18n.language, kase.timeZone),
          })}
        </Text>
      )}
    </Panel>
  );
}
