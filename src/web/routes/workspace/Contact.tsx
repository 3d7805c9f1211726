import { Anchor, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { GrowingTextarea } from '../../components/GrowingTextarea';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CallProposal,
  contactChannels,
  contactOutcomes,
  ContactRecord,
  type CaseDetail,
  type ContactChannel,
} from '../../../shared/cases';
import { api, queryKeys } from '../../api/endpoints';
import { staffApi, staffKeys } from '../../api/staff';
import { formatMoment, zoneName } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { refreshCase } from './refreshCase';
import { ConfirmCall } from './ConfirmCall';
import { useNow } from './Deadline';
import { channelKey, outcomeKey } from './labels';
import { useFormCheck } from '../../app/formCheck';
import { staffWords } from '../../features/staff/fieldWords';
import { WriteError } from '../../features/staff/WriteError';
import { isoToWallTime, wallTimeToIso } from '../../app/wallClock';

type Outcome = (typeof contactOutcomes)[number];

/** Log a contact: how, when (in my time zone), what came of it, and a note only staff read. */
export function ContactPanel({ kase, myTimeZone }: { kase: CaseDetail; myTimeZone: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const now = useNow(60_000);
  const [channel, setChannel] = useState<ContactChannel>(kase.contactChannel);
  const [when, setWhen] = useState(() => isoToWallTime(now, myTimeZone));
  const [outcome, setOutcome] = useState<Outcome>('reached');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, { words: staffWords(t) });
  const body = () => ({
    version: kase.version,
    channel,
    contactedAt: wallTimeToIso(when, myTimeZone) ?? '',
    outcome,
    privateNote: note.trim() || undefined,
  });
  const log = useMutation({
    mutationFn: () => staffApi.recordContact(kase.id, body()),
    onSuccess: () => {
      setNote('');
      setSaved(true);
    },
    onError: fields.refused,
    onSettled: () => refreshCase(client, kase.id),
  });
  return (
    <Stack gap="lg">
      <Paper
        withBorder
        p="md"
        component="form"
        ref={form}
        noValidate
        aria-labelledby="contact-log"
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          if (fields.check(ContactRecord, body())) log.mutate();
        }}
      >
        <Title order={3} size="h4" id="contact-log" mb="sm">
          {t('cm.contact.heading')}
        </Title>
        {kase.firstContactedAt ? (
          <Text mb="sm">
            {t('cm.contact.firstWas', {
              time: formatMoment(kase.firstContactedAt, i18n.language, myTimeZone),
            })}
          </Text>
        ) : (
          <Text mb="sm">{t('cm.contact.firstPending')}</Text>
        )}
        <Stack gap="sm">
          <Group grow align="flex-start" wrap="wrap">
            <NativeSelect
              id="contact-channel"
              label={t('cm.contact.channel')}
              value={channel}
              onChange={(event) => setChannel(event.currentTarget.value as ContactChannel)}
              data={contactChannels.map((value) => ({ value, label: t(channelKey[value]) }))}
            />
            <TextInput
              type="datetime-local"
              label={t('cm.contact.when')}
              description={t('cm.contact.whenHelp', { timeZone: zoneName(myTimeZone, i18n.language) })}
              value={when}
              onChange={(event) => setWhen(event.currentTarget.value)}
              required
              error={fields.errors.contactedAt}
            />
            <NativeSelect
              label={t('cm.contact.outcome')}
              value={outcome}
              onChange={(event) => setOutcome(event.currentTarget.value as Outcome)}
              data={contactOutcomes.map((value) => ({ value, label: t(outcomeKey[value]) }))}
            />
          </Group>
          <GrowingTextarea
            label={t('cm.contact.note')}
            description={t('cm.contact.noteHelp')}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            maxLength={4000}
            minRows={2}
            error={fields.errors.privateNote}
          />
          <WriteError error={log.error} />
          {saved && !log.error && (
            <Text role="status" c="#2b6a30" fw={600}>
              {t('cm.contact.saved')}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={log.isPending}>
              {t('cm.contact.submit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <ContactLog caseId={kase.id} myTimeZone={myTimeZone} />
      <CallScheduling kase={kase} />
    </Stack>
  );
}

/**
 * Every contact logged on the case, newest first: when (in my time zone), how, what came of it,
 * the private note, and who logged it. Under the case's cache key, so a new contact (mine or a
 * colleague's, through the case stream) re-reads it.
 */
function ContactLog({ caseId, myTimeZone }: { caseId: string; myTimeZone: string }) {
  const { t, i18n } = useTranslation();
  const contacts = useQuery({
    queryKey: staffKeys.contacts(caseId),
    queryFn: () => staffApi.contacts(caseId),
  });
  const moment = (iso: string) => formatMoment(iso, i18n.language, myTimeZone);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="contact-history">
      <Title order={3} size="h4" id="contact-history" mb="sm">
        {t('cm.contact.logHeading')}
      </Title>
      {contacts.isPending && <Loading />}
      {contacts.error && <ErrorNotice error={contacts.error} />}
      {contacts.data && contacts.data.items.length === 0 && <Text>{t('cm.contact.logEmpty')}</Text>}
      {contacts.data && contacts.data.items.length > 0 && (
        <Stack component="ul" gap="sm" className="plain-list" aria-labelledby="contact-history">
          {contacts.data.items.map((entry) => (
            <li key={entry.id} data-contact-outcome={entry.outcome}>
              <Text fw={600}>
                {moment(entry.contactedAt)} · {t(channelKey[entry.channel])} · {t(outcomeKey[entry.outcome])}
              </Text>
              {entry.privateNote && (
                <>
                  <Text size="sm" fw={600}>
                    {t('cm.contact.note')}
                  </Text>
                  <Text style={{ whiteSpace: 'pre-wrap' }}>{entry.privateNote}</Text>
                </>
              )}
              <Text size="sm" c="dimmed">
                {entry.recordedBy.name
                  ? t('cm.contact.recordedBy', {
                      name: entry.recordedBy.name,
                      time: moment(entry.recordedAt),
                    })
                  : t('cm.contact.recordedAt', { time: moment(entry.recordedAt) })}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/**
 * The proposal's own check in the browser, beside its schema: every time given is after `now`
 * (the server checks it again against its clock).
 */
const callProposalAfter = (now: number) =>
  CallProposal.superRefine((proposal, ctx) => {
    proposal.slots.forEach((slot, index) => {
      if (Date.parse(slot.startsAt) <= now)
        ctx.addIssue({ code: 'custom', path: ['slots', index, 'startsAt'] });
    });
  });

/**
 * Propose up to three call times on the member's own clock; the member confirms one. Each problem
 * (no time at all, a time already past, here or by the server's clock) is said under its box.
 */
function CallScheduling({ kase }: { kase: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const calls = useQuery({
    queryKey: queryKeys.calls(kase.id),
    queryFn: () => api.calls(kase.id),
  });
  const [slots, setSlots] = useState(['', '', '']);
  const [channel, setChannel] = useState<ContactChannel>(
    kase.contactChannel === 'message' ? 'phone' : kase.contactChannel,
  );
  const [meetingUrl, setMeetingUrl] = useState('');
  const now = useNow(30_000);
  // The boxes filled in, in order: the request's slot n is the box given[n].
  const given = slots.flatMap((slot, index) => (slot ? [index] : []));
  const form = useRef<HTMLFormElement>(null);
  const fields = useFormCheck(form, {
    words: staffWords(t, (issue, path) => {
      if (path[0] === 'meetingUrl') return t('cm.validation.meetingUrl');
      if (path[0] !== 'slots') return undefined;
      if (issue.code === 'custom' || issue.code === 'in_past') return t('cm.validation.future');
      return t('cm.validation.dateTime');
    }),
    fieldOf: (path) => {
      const slot = /^slots(?:\.(\d+))?/.exec(path);
      if (!slot) return path;
      return `slot.${slot[1] === undefined ? 0 : (given[Number(slot[1])] ?? 0)}`;
    },
  });
  const body = () => ({
    channel,
    ...(channel === 'video' ? { meetingUrl: meetingUrl.trim() } : {}),
    slots: given.map((index) => ({
      startsAt: wallTimeToIso(slots[index] ?? '', kase.timeZone) ?? '',
      durationMinutes: 30,
    })),
  });
  const propose = useMutation({
    mutationFn: () => staffApi.proposeCall(kase.id, body()),
    onSuccess: () => {
      setSlots(['', '', '']);
      setMeetingUrl('');
    },
    onError: fields.refused,
    onSettled: () => refreshCase(client, kase.id),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="call-scheduling">
      <Title order={3} size="h4" id="call-scheduling" mb="sm">
        {t('cm.call.heading')}
      </Title>
      <Text mb="sm">{t('cm.call.intro', { timeZone: zoneName(kase.timeZone, i18n.language) })}</Text>
      <form
        ref={form}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (fields.check(callProposalAfter(now), body())) propose.mutate();
        }}
      >
        <Stack gap="sm">
          <NativeSelect
            label={t('cm.contact.channel')}
            value={channel}
            onChange={(event) => setChannel(event.currentTarget.value as ContactChannel)}
            data={contactChannels.map((value) => ({ value, label: t(channelKey[value]) }))}
          />
          {channel === 'video' && (
            <TextInput
              type="url"
              dir="ltr"
              label={t('cm.call.meetingUrl')}
              description={t('cm.call.meetingUrlHelp')}
              placeholder="https://"
              required
              maxLength={2000}
              value={meetingUrl}
              onChange={(event) => setMeetingUrl(event.currentTarget.value)}
              error={fields.errors.meetingUrl}
            />
          )}
          <Group grow wrap="wrap">
            {slots.map((slot, index) => (
              <TextInput
                key={index}
                type="datetime-local"
                label={t('cm.call.slot', { number: index + 1 })}
                value={slot}
                error={fields.errors[`slot.${index}`]}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setSlots((current) => current.map((old, at) => (at === index ? value : old)));
                }}
              />
            ))}
          </Group>
          <WriteError error={propose.error} />
          <Group>
            <Button type="submit" variant="default" loading={propose.isPending}>
              {t('cm.call.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
      {calls.error && <ErrorNotice error={calls.error} />}
      {calls.data && calls.data.items.length > 0 && (
        <ul className="plain-list">
          {calls.data.items.map((call) => (
            <li key={call.id}>
              <Text mt="sm" fw={600}>
                {call.status === 'confirmed' && call.confirmedStartsAt
                  ? t('cm.call.confirmed', {
                      time: formatMoment(call.confirmedStartsAt, i18n.language, kase.timeZone),
                    })
                  : call.status === 'cancelled'
                    ? t('cm.call.cancelled')
                    : t('cm.call.waiting')}
              </Text>
              <Text size="sm">
                {call.slots
                  .map((slot) => formatMoment(slot.startsAt, i18n.language, kase.timeZone))
                  .join(' · ')}
              </Text>
              {call.meetingUrl && (
                <Anchor href={call.meetingUrl} target="_blank" rel="noopener noreferrer" size="sm" dir="ltr">
                  {call.meetingUrl}
                </Anchor>
              )}
              {call.status === 'proposed' && <ConfirmCall kase={kase} call={call} />}
            </li>
          ))}
        </ul>
      )}
    </Paper>
  );
}
