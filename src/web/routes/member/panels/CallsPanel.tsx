import { Button, Group, Radio, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryKeys, type ScheduledCall } from '../../../api/endpoints';
import { formatMoment, zoneName } from '../../../app/format';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { useFormCheck } from '../../../app/formCheck';
import { caseRules } from './caseRules';
import { channelKey } from '../../../features/contact/channels';
import { Panel } from '../Panel';

/**
 * The calls the Case Manager proposed, each time in the member's own time zone (named), with the
 * choice of one; a booked call says when. A replaced proposal is not shown.
 */
export function CallsPanel({
  caseId,
  calls,
  timeZone,
  canConfirm,
}: {
  caseId: string;
  calls: ScheduledCall[];
  timeZone: string | undefined;
  canConfirm: boolean;
}) {
  const { t } = useTranslation();
  const shown = calls.filter((call) => call.status !== 'cancelled');
  if (shown.length === 0) return null;
  return (
    <Panel id="case-calls" title={t('case.calls.heading')}>
      <Stack component="ul" gap="md" className="plain-list">
        {shown.map((call) => (
          <li key={call.id} data-call-status={call.status}>
            {call.status === 'confirmed' ? (
              <BookedCall call={call} timeZone={timeZone} />
            ) : (
              <ProposedCall caseId={caseId} call={call} timeZone={timeZone} canConfirm={canConfirm} />
            )}
          </li>
        ))}
      </Stack>
    </Panel>
  );
}

function BookedCall({ call, timeZone }: { call: ScheduledCall; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const startsAt = call.confirmedStartsAt ?? call.slots[0]?.startsAt;
  if (!startsAt) return null;
  return (
    <Stack gap={4}>
      <Text fw={600} data-testid="call-booked">
        {t('case.calls.booked', {
          channel: t(channelKey[call.channel]),
          time: formatMoment(startsAt, i18n.language, timeZone),
          timeZone: zoneName(timeZone ?? call.timeZone, i18n.language),
        })}
      </Text>
      {call.channel === 'video' && call.meetingUrl && (
        <Group>
          <Button
            component="a"
            href={call.meetingUrl}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="join-video-call"
          >
            {t('case.calls.join')}
          </Button>
        </Group>
      )}
      <Text size="sm">{t('case.calls.invitation')}</Text>
    </Stack>
  );
}

function ProposedCall({
  caseId,
  call,
  timeZone,
  canConfirm,
}: {
  caseId: string;
  call: ScheduledCall;
  timeZone: string | undefined;
  canConfirm: boolean;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string>('');
  const [rulesError, setRulesError] = useState<unknown>(null);
  const form = useRef<HTMLFormElement>(null);
  const check = useFormCheck(form, {
    words: (_, path) => (path[0] === 'slot' ? t('case.calls.chooseOne') : undefined),
  });
  const [now] = useState(() => new Date().getTime());
  const confirm = useMutation({
    mutationFn: (slot: number) => api.confirmCall(caseId, call.id, slot),
    onSuccess: (confirmed) => {
      queryClient.setQueryData<{ items: ScheduledCall[] }>(queryKeys.calls(caseId), (current) =>
        current
          ? { items: current.items.map((item) => (item.id === confirmed.id ? confirmed : item)) }
          : current,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseEvents(caseId) });
    },
    // Someone else chose first (the Case Manager on the phone, another device): show what holds now.
    onError: (error) => {
      check.refused(error);
      void queryClient.invalidateQueries({ queryKey: queryKeys.calls(caseId) });
    },
  });
  const zone = timeZone ?? call.timeZone;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRulesError(null);
    const rules = await caseRules.load().catch((error: unknown) => void setRulesError(error));
    const slot = chosen === '' ? Number.NaN : Number(chosen);
    if (rules && check.check(rules.CallConfirmation, { slot })) confirm.mutate(slot);
  };
  const slotLabel = (slot: ScheduledCall['slots'][number]) =>
    t('case.calls.slot', {
      time: formatMoment(slot.startsAt, i18n.language, timeZone),
      minutes: slot.durationMinutes,
    });
  if (!canConfirm) {
    return (
      <Stack gap={4}>
        <Text fw={600}>{t('case.calls.proposedReadOnly', { channel: t(channelKey[call.channel]) })}</Text>
        <Stack component="ul" gap={2} className="plain-list">
          {call.slots.map((slot, index) => (
            <Text component="li" size="sm" key={index}>
              {slotLabel(slot)}
            </Text>
          ))}
        </Stack>
      </Stack>
    );
  }
  return (
    <form ref={form} onSubmit={(event) => void submit(event)} onFocus={caseRules.warm} noValidate>
      <Stack gap="sm">
        <Radio.Group
          label={t('case.calls.proposed')}
          description={t('case.calls.inYourZone', {
            channel: t(channelKey[call.channel]),
            timeZone: zoneName(zone, i18n.language),
          })}
          value={chosen}
          onChange={setChosen}
          error={check.errors.slot}
        >
          <Stack gap={4} mt={4}>
            {call.slots.map((slot, index) => {
              const past = Date.parse(slot.startsAt) <= now;
              return (
                <Radio
                  key={index}
                  value={String(index)}
                  disabled={past}
                  aria-invalid={check.errors.slot ? true : undefined}
                  label={past ? t('case.calls.slotPast', { slot: slotLabel(slot) }) : slotLabel(slot)}
                />
              );
            })}
          </Stack>
        </Radio.Group>
        <ErrorNotice error={rulesError ?? confirm.error} />
        <Button type="submit" w="fit-content" loading={confirm.isPending}>
          {t('case.calls.confirm')}
        </Button>
      </Stack>
    </form>
  );
}
