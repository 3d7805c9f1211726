/*
 * The case page's panels below the fold, in a chunk of their own that loads once the page is on
 * screen: the records and the upload, recommendations, follow-ups, sharing consent, withdrawal.
 */
import { Alert, Badge, Button, Checkbox, Group, List, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { GrowingTextarea } from '../../components/GrowingTextarea';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases';
import type { CaseDocument, RecordChecklist, SharingConsent } from '../../../shared/documents';
import { api, queryKeys, type FollowUp, type Recommendations, type ScheduledCall } from '../../api/endpoints';
import { formatCalendarDate, formatMoment } from '../../app/format';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { channelKey } from '../../features/contact/channels';
import { DocumentUpload, documentKindKey } from '../../features/documents/DocumentUpload';
import { Panel } from './Panel';

const requestStatusKey = {
  outstanding: 'case.records.status.outstanding',
  received: 'case.records.status.received',
  cancelled: 'case.records.status.cancelled',
} as const;

/** What the case manager asked for, ticked as it arrives, with an upload for each outstanding item. */
export function RecordsPanel({
  caseId,
  checklist,
  documents,
  canUpload,
  timeZone,
  onUploaded,
}: {
  caseId: string;
  checklist: RecordChecklist | undefined;
  documents: CaseDocument[] | undefined;
  canUpload: boolean;
  timeZone: string | undefined;
  onUploaded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [answering, setAnswering] = useState<string | null>(null);
  const fromMember = checklist?.items.filter((item) => item.requestedFrom === 'member') ?? [];
  return (
    <Panel id="case-records" title={t('case.records.heading')}>
      {checklist && checklist.requested > 0 && (
        <>
          <Text data-testid="checklist-summary">
            {t('case.records.summary', {
              requested: checklist.requested,
              received: checklist.received,
              outstanding: checklist.outstanding,
            })}
          </Text>
          <Stack component="ul" gap="xs" className="plain-list" aria-label={t('case.records.checklist')}>
            {checklist.items.map((item) => (
              <Paper component="li" key={item.id} withBorder p="sm" data-request-status={item.status}>
                <Stack gap={4}>
                  <Group gap="xs" wrap="wrap">
                    <Text fw={600}>
                      {item.status === 'received' ? '✓ ' : ''}
                      {t(documentKindKey[item.kind])}
                    </Text>
                    <Badge
                      variant={item.status === 'outstanding' ? 'outline' : 'light'}
                      color={item.status === 'received' ? '#1b5e20' : 'brand.9'}
                    >
                      {t(requestStatusKey[item.status])}
                    </Badge>
                  </Group>
                  <Text size="sm">{item.description}</Text>
                  <Text size="xs" c="dimmed">
                    {item.requestedFrom === 'member'
                      ? t('case.records.fromYou')
                      : t('case.records.fromProvider')}
                  </Text>
                  {canUpload &&
                    item.status === 'outstanding' &&
                    item.requestedFrom === 'member' &&
                    (answering === item.id ? (
                      <DocumentUpload
                        caseId={caseId}
                        recordRequest={{ id: item.id, kind: item.kind, description: item.description }}
                        onUploaded={() => {
                          setAnswering(null);
                          onUploaded();
                        }}
                      />
                    ) : (
                      <Button variant="light" size="xs" w="fit-content" onClick={() => setAnswering(item.id)}>
                        {t('case.records.answer')}
                      </Button>
                    ))}
                </Stack>
              </Paper>
            ))}
          </Stack>
          {fromMember.length === 0 && <Text size="sm">{t('case.records.nothingFromYou')}</Text>}
        </>
      )}
      <Title order={3} size="h4">
        {t('case.documents.heading')}
      </Title>
      {documents && documents.length > 0 ? (
        <Stack component="ul" gap={4} className="plain-list" aria-label={t('case.documents.heading')}>
          {documents.map((document) => (
            <Text component="li" key={document.id} size="sm" data-document-id={document.id}>
              {t('case.documents.item', {
                title: document.title,
                kind: t(documentKindKey[document.kind]),
                date: formatMoment(document.createdAt, i18n.language, timeZone),
              })}
              {document.documentDate
                ? ` · ${t('case.documents.dated', { date: formatCalendarDate(document.documentDate, i18n.language) })}`
                : ''}
            </Text>
          ))}
        </Stack>
      ) : (
        <Text size="sm">{t('case.documents.empty')}</Text>
      )}
      {canUpload && (
        <>
          <Title order={3} size="h4">
            {t('documents.upload.heading')}
          </Title>
          <DocumentUpload caseId={caseId} onUploaded={onUploaded} />
        </>
      )}
    </Panel>
  );
}

/** The recommendations once delivered: read, say so, and ask a question about them. */
export function RecommendationsPanel({
  caseId,
  recommendations,
  timeZone,
  onAsk,
}: {
  caseId: string;
  recommendations: Recommendations;
  timeZone: string | undefined;
  onAsk: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const acknowledge = useMutation({
    mutationFn: () => api.acknowledgeRecommendations(caseId),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.recommendations(caseId), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseEvents(caseId) });
    },
  });
  return (
    <Panel id="case-recommendations" title={t('case.recommendations.heading')}>
      {recommendations.deliveredAt && (
        <Text size="sm" c="dimmed">
          {t('case.recommendations.delivered', {
            time: formatMoment(recommendations.deliveredAt, i18n.language, timeZone),
          })}
        </Text>
      )}
      {/* Rendered from Markdown and sanitised by the server against a small allowlist. */}
      <div
        className="recommendations"
        lang={recommendations.language}
        dangerouslySetInnerHTML={{ __html: recommendations.html }}
      />
      {recommendations.nextSteps.length > 0 && (
        <>
          <Title order={3} size="h4">
            {t('case.recommendations.nextSteps')}
          </Title>
          <List type="ordered">
            {recommendations.nextSteps.map((step, index) => (
              <List.Item key={index}>{step}</List.Item>
            ))}
          </List>
        </>
      )}
      {recommendations.acknowledgedAt ? (
        <Alert variant="light" role="status">
          {t('case.recommendations.acknowledged', {
            time: formatMoment(recommendations.acknowledgedAt, i18n.language, timeZone),
          })}
        </Alert>
      ) : (
        <Button w="fit-content" onClick={() => acknowledge.mutate()} loading={acknowledge.isPending}>
          {t('case.recommendations.acknowledge')}
        </Button>
      )}
      <ErrorNotice error={acknowledge.error} />
      <Button variant="default" w="fit-content" onClick={onAsk}>
        {t('case.recommendations.ask')}
      </Button>
    </Panel>
  );
}

const followUpStatusKey = {
  scheduled: 'case.followUps.status.scheduled',
  completed: 'case.followUps.status.completed',
  missed: 'case.followUps.status.missed',
  cancelled: 'case.followUps.status.cancelled',
} as const satisfies Record<FollowUp['status'], string>;

function ProgressForm({ caseId, followUp }: { caseId: string; followUp: FollowUp }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState('');
  const [error, setError] = useState<string | undefined>();
  const report = useMutation({
    mutationFn: () => api.reportProgress(caseId, followUp.id, progress.trim()),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.followUps(caseId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseEvents(caseId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = progress.trim();
    if (!text) return setError(t('validation.required'));
    if (text.length > 4000) return setError(t('validation.tooLong', { max: 4000 }));
    setError(undefined);
    report.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <GrowingTextarea
          label={t('case.followUps.progress')}
          description={t('case.followUps.progressHelp')}
          minRows={3}
          value={progress}
          onChange={(event) => setProgress(event.currentTarget.value)}
          error={error}
        />
        <ErrorNotice error={report.error} />
        <Button type="submit" w="fit-content" loading={report.isPending}>
          {t('case.followUps.send')}
        </Button>
      </Stack>
    </form>
  );
}

/** The check-ins the case manager planned, and a report form for the next one due. */
export function FollowUpsPanel({
  caseId,
  followUps,
  timeZone,
  canReport,
}: {
  caseId: string;
  followUps: FollowUp[];
  timeZone: string | undefined;
  canReport: boolean;
}) {
  const { t, i18n } = useTranslation();
  const next = [...followUps]
    .filter((item) => item.status === 'scheduled')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  return (
    <Panel id="case-follow-ups" title={t('case.followUps.heading')}>
      <Stack component="ul" gap={4} className="plain-list">
        {followUps.map((item) => (
          <Text component="li" size="sm" key={item.id}>
            {t('case.followUps.item', {
              time: formatMoment(item.dueAt, i18n.language, timeZone),
              status: t(followUpStatusKey[item.status]),
            })}
          </Text>
        ))}
      </Stack>
      {canReport && next && <ProgressForm caseId={caseId} followUp={next} />}
    </Panel>
  );
}

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
          timeZone: timeZone ?? call.timeZone,
        })}
      </Text>
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
  const [error, setError] = useState<string | undefined>();
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
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.calls(caseId) }),
  });
  const zone = timeZone ?? call.timeZone;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen === '') return setError(t('case.calls.chooseOne'));
    setError(undefined);
    confirm.mutate(Number(chosen));
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
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Radio.Group
          label={t('case.calls.proposed')}
          description={t('case.calls.inYourZone', { channel: t(channelKey[call.channel]), timeZone: zone })}
          value={chosen}
          onChange={setChosen}
          error={error}
        >
          <Stack gap={4} mt={4}>
            {call.slots.map((slot, index) => {
              const past = Date.parse(slot.startsAt) <= now;
              return (
                <Radio
                  key={index}
                  value={String(index)}
                  disabled={past}
                  label={past ? t('case.calls.slotPast', { slot: slotLabel(slot) }) : slotLabel(slot)}
                />
              );
            })}
          </Stack>
        </Radio.Group>
        <ErrorNotice error={confirm.error} />
        <Button type="submit" w="fit-content" loading={confirm.isPending}>
          {t('case.calls.confirm')}
        </Button>
      </Stack>
    </form>
  );
}

/** Consent to share records with the reviewing specialists: all, or the chosen ones; withdrawable. */
export function SharingPanel({
  caseId,
  consents,
  documents,
  canChange,
  timeZone,
}: {
  caseId: string;
  consents: SharingConsent[];
  documents: CaseDocument[];
  canChange: boolean;
  timeZone: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const active = consents.find((consent) => consent.active);
  const [scope, setScope] = useState<'all' | 'selected'>('all');
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.sharingConsents(caseId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.caseEvents(caseId) });
  };
  const give = useMutation({
    mutationFn: () =>
      api.giveSharingConsent(
        caseId,
        scope === 'all' ? { scope: 'all' } : { scope: 'selected', documentIds: chosen },
      ),
    onSuccess: refresh,
  });
  const withdraw = useMutation({
    mutationFn: (consentId: string) => api.withdrawSharingConsent(caseId, consentId),
    onSuccess: refresh,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (scope === 'selected' && chosen.length === 0) return setError(t('case.sharing.chooseOne'));
    setError(undefined);
    give.mutate();
  };
  return (
    <Panel id="case-sharing" title={t('case.sharing.heading')}>
      <Text size="sm">{t('case.sharing.intro')}</Text>
      {active ? (
        <>
          <Text data-testid="consent-state">
            {active.scope === 'all'
              ? t('case.sharing.activeAll', { time: formatMoment(active.givenAt, i18n.language, timeZone) })
              : t('case.sharing.activeSelected', {
                  count: active.documentIds?.length ?? 0,
                  time: formatMoment(active.givenAt, i18n.language, timeZone),
                })}
          </Text>
          {canChange && (
            <Button
              variant="default"
              w="fit-content"
              loading={withdraw.isPending}
              onClick={() => withdraw.mutate(active.id)}
            >
              {t('case.sharing.withdraw')}
            </Button>
          )}
        </>
      ) : (
        <>
          <Text data-testid="consent-state">{t('case.sharing.none')}</Text>
          {canChange && (
            <form onSubmit={submit} noValidate>
              <Stack gap="xs">
                <Radio.Group
                  label={t('case.sharing.scope')}
                  value={scope}
                  onChange={(value) => setScope(value === 'selected' ? 'selected' : 'all')}
                >
                  <Stack gap={4} mt={4}>
                    <Radio value="all" label={t('case.sharing.scopeAll')} />
                    <Radio
                      value="selected"
                      label={t('case.sharing.scopeSelected')}
                      disabled={documents.length === 0}
                    />
                  </Stack>
                </Radio.Group>
                {scope === 'selected' && (
                  <Checkbox.Group
                    label={t('case.sharing.documents')}
                    value={chosen}
                    onChange={setChosen}
                    error={error}
                  >
                    <Stack gap={4} mt={4}>
                      {documents.map((document) => (
                        <Checkbox key={document.id} value={document.id} label={document.title} />
                      ))}
                    </Stack>
                  </Checkbox.Group>
                )}
                <Button type="submit" w="fit-content" loading={give.isPending}>
                  {t('case.sharing.give')}
                </Button>
              </Stack>
            </form>
          )}
        </>
      )}
      <ErrorNotice error={give.error ?? withdraw.error} />
    </Panel>
  );
}

/** The confirmation dialog is its own chunk: most visits never open it. */
const WithdrawDialog = lazy(() => import('./WithdrawDialog'));

/** Withdraw the request: a reason, then a confirmation; the version guards against a stale page. */
export function WithdrawPanel({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Panel id="case-withdraw" title={t('case.withdraw.heading')}>
      <Text size="sm">{t('case.withdraw.intro')}</Text>
      <Button color="#a51d1d" variant="outline" w="fit-content" onClick={() => setOpen(true)}>
        {t('case.withdraw.open')}
      </Button>
      {open && (
        <Suspense fallback={<Loading />}>
          <WithdrawDialog kase={kase} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </Panel>
  );
}
