import {
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Closure, FollowUpPlan, type CaseDetail } from '../../../shared/cases';
import { api, queryKeys } from '../../api/endpoints';
import { staffApi } from '../../api/staff';
import { formatMoment, zoneName } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { refreshCase } from './refreshCase';
import { inputNumber, useFormCheck } from '../../app/formCheck';
import { staffWords } from '../../features/staff/fieldWords';
import { WriteError } from '../../features/staff/WriteError';
import { wallTimeToIso } from '../../app/wallClock';

const followUpStatusKey = {
  scheduled: 'cm.followUps.scheduled',
  completed: 'cm.followUps.completed',
  missed: 'cm.followUps.missed',
  cancelled: 'cm.followUps.cancelled',
} as const;

/** Check-ins on dates (in the member's time zone) or every so many days; then closing the case. */
export function FollowUpsPanel({ kase, timeZone }: { kase: CaseDetail; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const followUps = useQuery({
    queryKey: queryKeys.followUps(kase.id),
    queryFn: () => api.followUps(kase.id),
  });
  const [mode, setMode] = useState<'interval' | 'dates'>('interval');
  const [days, setDays] = useState<number | string>(14);
  const [count, setCount] = useState<number | string>(3);
  const [date, setDate] = useState('');
  // The one date is the first of the plan's dates; no date at all is said there too.
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, {
    words: staffWords(t, (_, path) => (path.join('.') === 'dates' ? t('validation.required') : undefined)),
    fieldOf: (path) => (path.startsWith('dates') ? 'date' : path),
  });
  const body = () => ({
    version: kase.version,
    ...(mode === 'interval'
      ? { every: { days: inputNumber(days), count: inputNumber(count) } }
      : { dates: [wallTimeToIso(date, kase.timeZone)].filter((value): value is string => value !== null) }),
  });
  const plan = useMutation({
    mutationFn: () => staffApi.planFollowUps(kase.id, body()),
    onError: fields.refused,
    onSettled: () => refreshCase(client, kase.id),
  });
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" component="section" aria-labelledby="follow-ups">
        <Title order={3} size="h4" id="follow-ups" mb="sm">
          {t('cm.followUps.heading')}
        </Title>
        {followUps.error && <ErrorNotice error={followUps.error} />}
        {followUps.data && followUps.data.items.length === 0 && <Text>{t('cm.followUps.none')}</Text>}
        <ul className="plain-list">
          {followUps.data?.items.map((item) => (
            <li key={item.id}>
              <Text>
                {formatMoment(item.dueAt, i18n.language, timeZone)} · {t(followUpStatusKey[item.status])}
              </Text>
              {item.progress && <Text size="sm">{item.progress}</Text>}
            </li>
          ))}
        </ul>
        <form
          ref={form}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (fields.check(FollowUpPlan, body())) plan.mutate();
          }}
        >
          <Stack gap="sm" mt="md">
            <SegmentedControl
              value={mode}
              onChange={(value) => setMode(value as 'interval' | 'dates')}
              data={[
                { value: 'interval', label: t('cm.followUps.byInterval') },
                { value: 'dates', label: t('cm.followUps.byDate') },
              ]}
              aria-label={t('cm.followUps.how')}
            />
            {mode === 'interval' ? (
              <Group grow>
                <NumberInput
                  label={t('cm.followUps.everyDays')}
                  min={1}
                  max={365}
                  value={days}
                  onChange={setDays}
                  error={fields.errors['every.days']}
                />
                <NumberInput
                  label={t('cm.followUps.count')}
                  min={1}
                  max={52}
                  value={count}
                  onChange={setCount}
                  error={fields.errors['every.count']}
                />
              </Group>
            ) : (
              <TextInput
                type="datetime-local"
                label={t('cm.followUps.date')}
                description={t('cm.call.intro', { timeZone: zoneName(kase.timeZone, i18n.language) })}
                value={date}
                onChange={(event) => setDate(event.currentTarget.value)}
                required
                error={fields.errors.date}
              />
            )}
            <WriteError error={plan.error} />
            <Group>
              <Button type="submit" variant="default" loading={plan.isPending}>
                {t('cm.followUps.plan')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <ClosePanel kase={kase} />
    </Stack>
  );
}

function ClosePanel({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, { words: staffWords(t) });
  const body = () => ({ version: kase.version, reason });
  const close = useMutation({
    mutationFn: () => staffApi.close(kase.id, body()),
    onError: fields.refused,
    onSettled: () => refreshCase(client, kase.id),
  });
  if (kase.status === 'closed' || kase.status === 'withdrawn')
    return <Text fw={600}>{t('cm.close.ended')}</Text>;
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      ref={form}
      noValidate
      aria-labelledby="close-case"
      onSubmit={(event) => {
        event.preventDefault();
        if (fields.check(Closure, body())) close.mutate();
      }}
    >
      <Title order={3} size="h4" id="close-case" mb="sm">
        {t('cm.close.heading')}
      </Title>
      <Stack gap="sm">
        <TextInput
          id="close-reason"
          label={t('cm.close.reason')}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          maxLength={1000}
          required
          error={fields.errors.reason}
        />
        <WriteError error={close.error} />
        <Group>
          <Button type="submit" color="#8a2a1e" loading={close.isPending}>
            {t('cm.close.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
