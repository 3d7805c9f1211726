import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CallConfirmation, type CaseDetail } from '../../../shared/cases';
import type { ScheduledCall } from '../../api/endpoints';
import { staffApi } from '../../api/staff';
import { formatMoment } from '../../app/format';
import { useFormCheck } from '../../app/formCheck';
import { staffWords } from '../../features/staff/fieldWords';
import { WriteError } from '../../features/staff/WriteError';
import { refreshCase } from './refreshCase';

/**
 * The case manager books one of the proposed times, having agreed it with the member (by phone,
 * by message). A video call goes with its meeting link: the one proposed, or another they give
 * here; the invitation and the member's case page carry it.
 */
export function ConfirmCall({ kase, call }: { kase: CaseDetail; call: ScheduledCall }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [slot, setSlot] = useState('0');
  const [meetingUrl, setMeetingUrl] = useState(call.meetingUrl ?? '');
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, {
    words: staffWords(t, (_issue, path) =>
      path[0] === 'meetingUrl' ? t('cm.validation.meetingUrl') : undefined,
    ),
  });
  const body = () => ({
    slot: Number(slot),
    ...(call.channel === 'video' ? { meetingUrl: meetingUrl.trim() } : {}),
  });
  const confirm = useMutation({
    mutationFn: () => staffApi.confirmCall(kase.id, call.id, body()),
    onError: fields.refused,
    onSettled: () => refreshCase(client, kase.id),
  });
  return (
    <form
      ref={form}
      noValidate
      aria-label={t('cm.call.confirmHeading')}
      onSubmit={(event) => {
        event.preventDefault();
        if (fields.check(CallConfirmation, body())) confirm.mutate();
      }}
    >
      <Stack gap="xs" mt="xs">
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelect
            label={t('cm.call.agreedTime')}
            value={slot}
            onChange={(event) => setSlot(event.currentTarget.value)}
            data={call.slots.map((option, index) => ({
              value: String(index),
              label: formatMoment(option.startsAt, i18n.language, kase.timeZone),
            }))}
          />
          {call.channel === 'video' && (
            <TextInput
              type="url"
              dir="ltr"
              label={t('cm.call.meetingUrl')}
              placeholder="https://"
              required
              maxLength={2000}
              value={meetingUrl}
              onChange={(event) => setMeetingUrl(event.currentTarget.value)}
              error={fields.errors.meetingUrl}
            />
          )}
        </Group>
        <WriteError error={confirm.error} />
        <Group>
          <Button type="submit" variant="default" size="sm" loading={confirm.isPending}>
            {t('cm.call.confirmSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
