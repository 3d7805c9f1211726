import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CaseDocument } from '../../../shared/documents';
import { api, queryKeys } from '../../api/endpoints';
import { isolate, languageName, listOf } from '../../app/format';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { CaseTimeline } from '../../features/cases/CaseTimeline';
import { caseStatusKey, isOpenStatus, recommendationsVisible } from '../../features/cases/status';
import { memberCaseQueries } from '../../features/cases/queries';
import { useCaseStream, type StreamState, type StreamedEvent } from '../../features/cases/useCaseStream';
import { MessageThread } from '../../features/messages/MessageThread';
import { addMessageToThread } from '../../features/messages/thread';
import { layersKey } from '../../features/opinion-layers/api';
import { referralKeys } from '../../features/referrals/api';
import { loadAreas } from '../../i18n';
import { Panel, PromisePanel } from './Panel';
import { UserText } from '../../components/UserText';

// The panels below the fold come with their words, and those of the errors they may show.
const panels = async () =>
  (await Promise.all([import('./casePanels'), loadAreas(['case-panels', 'errors'])]))[0];
const RecordsPanel = lazy(async () => ({ default: (await panels()).RecordsPanel }));
const RecommendationsPanel = lazy(async () => ({ default: (await panels()).RecommendationsPanel }));
const FollowUpsPanel = lazy(async () => ({ default: (await panels()).FollowUpsPanel }));
const OutcomeCheckInPanel = lazy(async () => ({ default: (await panels()).OutcomeCheckInPanel }));
const CallsPanel = lazy(async () => ({ default: (await panels()).CallsPanel }));
const SharingPanel = lazy(async () => ({ default: (await panels()).SharingPanel }));
const WithdrawPanel = lazy(async () => ({ default: (await panels()).WithdrawPanel }));
// The referral and its cover, once the recommendations are delivered: its own chunk and words.
const ReferralsPanel = lazy(async () => ({
  default: (await import('../../features/referrals/ReferralsPanel')).ReferralsPanel,
}));
// The opinion in its layers and the letter for the treating doctor, once delivered: its own chunk.
const OpinionLayersPanel = lazy(async () => ({
  default: (
    await Promise.all([
      import('../../features/opinion-layers/MemberOpinionLayers'),
      loadAreas(['case-panels', 'errors']),
    ])
  )[0].MemberOpinionLayers,
}));
// Rating the service, once the recommendations are delivered: its own chunk and words.
// Records straight from the treating doctors, with the member's release: its own chunk and words.
const ProviderRecordsPanel = lazy(async () => ({
  default: (await import('../../features/records/MemberRecords')).ProviderRecordsPanel,
}));
// The answers of the specialists to follow-up questions, once delivered: their own chunk and words.
const MemberFollowupsPanel = lazy(async () => ({
  default: (await import('../../features/followups/MemberFollowups')).MemberFollowupsPanel,
}));
const RatingPanel = lazy(async () => ({
  default: (await import('../../features/feedback/RatingPanel')).RatingPanel,
}));

const MESSAGE_FIELD = 'case-message-field';
export const INTERACTIVE_MARK = 'consilium:case-interactive';

function LiveState({ state }: { state: StreamState }) {
  const { t } = useTranslation();
  const text = {
    connecting: t('case.live.connecting'),
    live: t('case.live.on'),
    reconnecting: t('case.live.reconnecting'),
    closed: t('case.live.off'),
  }[state];
  return (
    <Text size="sm" role="status" aria-live="polite" data-stream-state={state}>
      {text}
    </Text>
  );
}

/** The written opinion reports: the records the service itself filed as reports. */
const writtenReports = (documents: CaseDocument[] | undefined) =>
  (documents ?? []).filter((document) => document.source === 'system' && document.kind === 'report');

/** A minute clock, for whether the promise is now missed. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * `/cases/:id`: everything about one case for the member (or the guardian who asked for it):
 * the 24-hour promise, the calls proposed (to pick a time), the timeline, messages that arrive live, the records asked for and sent,
 * the recommendations, follow-ups, sharing consent and withdrawal. The live stream also refreshes
 * what a status change or a new request changes, so the page never needs a reload.
 */
export function CasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe();
  const now = useNow();
  const timeZone = me.data?.timeZone;

  const kase = useQuery(memberCaseQueries.case(id));
  const events = useQuery(memberCaseQueries.events(id));
  const messages = useQuery(memberCaseQueries.messages(id));
  // What is on screen first (the case, its timeline, its messages) is read first; the panels
  // below the fold are read once it is there, so that the first reads do not queue behind them.
  const ready = Boolean(kase.data && events.data && messages.data && me.data);
  const documents = useQuery({
    queryKey: queryKeys.documents(id),
    queryFn: () => api.documents(id),
    enabled: ready,
  });
  const checklist = useQuery({
    queryKey: queryKeys.recordRequests(id),
    queryFn: () => api.recordRequests(id),
    enabled: ready,
  });
  const consents = useQuery({
    queryKey: queryKeys.sharingConsents(id),
    queryFn: () => api.sharingConsents(id),
    enabled: ready,
  });
  const showRecommendations = kase.data ? recommendationsVisible(kase.data.status) : false;
  // The recommendations exist for the member only once delivered (404 before).
  const recommendations = useQuery({
    queryKey: queryKeys.recommendations(id),
    queryFn: () => api.recommendations(id),
    enabled: ready && showRecommendations,
  });
  const followUps = useQuery({
    queryKey: queryKeys.followUps(id),
    queryFn: () => api.followUps(id),
    enabled: ready,
  });
  const calls = useQuery({ queryKey: queryKeys.calls(id), queryFn: () => api.calls(id), enabled: ready });

  const refresh = (...keys: (readonly unknown[])[]) => {
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
  };
  const onEvent = (entry: StreamedEvent) => {
    refresh(queryKeys.caseEvents(id));
    if (entry.type === 'record_requested') refresh(queryKeys.recordRequests(id));
    if (entry.type === 'follow_ups_planned') refresh(queryKeys.followUps(id));
    if (entry.type === 'review_report_created') refresh(queryKeys.documents(id));
    if (entry.type.startsWith('followup_')) refresh(['cases', id, 'followups']);
    if (entry.type === 'review_translation_entered') refresh(layersKey(id));
    if (entry.type === 'call_proposed' || entry.type === 'call_scheduled') refresh(queryKeys.calls(id));
    if (entry.type.startsWith('sharing_consent')) refresh(queryKeys.sharingConsents(id));
    if (entry.type === 'contact_recorded' || entry.type === 'reassigned') refresh(queryKeys.case(id));
  };
  const streamState = useCaseStream(id, messages.data?.streamPosition ?? null, {
    onMessage: (message) => addMessageToThread(queryClient, id, message),
    onStatusChanged: () =>
      refresh(
        queryKeys.case(id),
        queryKeys.caseEvents(id),
        queryKeys.recommendations(id),
        queryKeys.followUps(id),
        queryKeys.myCases,
      ),
    onDocumentUploaded: () =>
      refresh(queryKeys.documents(id), queryKeys.recordRequests(id), queryKeys.caseEvents(id)),
    onEventAdded: onEvent,
    onReferralChanged: () => refresh(referralKeys.ofCase(id), queryKeys.caseEvents(id)),
    // Refused: the session may have ended; asking who the user is sends them to sign in if so.
    onRefused: () => refresh(queryKeys.me),
  });

  // "Interactive": the case, its timeline and its messages are on screen (a User Timing mark
  // that the web bench reads; nothing is sent anywhere).
  // The panels below the fold (their own chunk) are rendered once the page is interactive.
  const [belowFold, setBelowFold] = useState(false);
  useEffect(() => {
    if (!ready) return;
    if (performance.getEntriesByName(INTERACTIVE_MARK).length === 0) performance.mark(INTERACTIVE_MARK);
    // After the next frame: what is above the fold is painted before the rest is fetched.
    const frame = requestAnimationFrame(() => setBelowFold(true));
    return () => cancelAnimationFrame(frame);
  }, [ready]);

  const heading = kase.data ? t('case.title', { number: isolate(kase.data.number) }) : t('case.titleLoading');
  if (kase.error) {
    return (
      <Stack gap="lg">
        <PageHeading>{t('case.titleLoading')}</PageHeading>
        <ErrorNotice error={kase.error} />
        <Anchor component={Link} to="/">
          {t('case.backToHub')}
        </Anchor>
      </Stack>
    );
  }
  if (!kase.data || me.isPending) return <Loading />;
  const current = kase.data;
  const open = isOpenStatus(current.status);
  const focusMessage = () => document.getElementById(MESSAGE_FIELD)?.focus();

  return (
    <Stack gap="lg" data-case-ready={ready ? 'true' : 'false'}>
      <Stack gap={4}>
        <Anchor component={Link} to="/" size="sm">
          {t('case.backToHub')}
        </Anchor>
        <PageHeading>{heading}</PageHeading>
        <Group gap="xs" wrap="wrap">
          <Text>{t('case.statusLabel')}</Text>
          <Badge variant="filled" color="brand.9" data-status={current.status}>
            {t(caseStatusKey[current.status])}
          </Badge>
        </Group>
        <Text>
          {current.caseManager
            ? t('case.caseManager', {
                name: current.caseManager.name,
                languages: listOf(
                  current.caseManager.languages.map((tag) => languageName(tag, i18n.language)),
                  i18n.language,
                ),
              })
            : t('case.noCaseManager')}
        </Text>
        <LiveState state={streamState} />
      </Stack>

      <PromisePanel kase={current} now={now} />

      {belowFold && showRecommendations && open && followUps.data && (
        <Suspense fallback={<Loading />}>
          <OutcomeCheckInPanel caseId={id} followUps={followUps.data.items} timeZone={timeZone} />
        </Suspense>
      )}

      {belowFold && calls.data && (
        <Suspense fallback={<Loading />}>
          <CallsPanel caseId={id} calls={calls.data.items} timeZone={timeZone} canConfirm={open} />
        </Suspense>
      )}

      {belowFold && showRecommendations && recommendations.data && (
        <Suspense fallback={<Loading />}>
          <RecommendationsPanel
            caseId={id}
            recommendations={recommendations.data}
            reports={writtenReports(documents.data?.items)}
            timeZone={timeZone}
            onAsk={focusMessage}
          />
        </Suspense>
      )}

      {belowFold && showRecommendations && (
        <Suspense fallback={<Loading />}>
          <OpinionLayersPanel caseId={id} timeZone={timeZone} />
          <MemberFollowupsPanel caseId={id} timeZone={timeZone} />
        </Suspense>
      )}

      {belowFold && showRecommendations && (
        <Suspense fallback={<Loading />}>
          <ReferralsPanel caseId={id} />
        </Suspense>
      )}

      {belowFold && showRecommendations && (
        <Suspense fallback={<Loading />}>
          <RatingPanel caseId={id} timeZone={timeZone} />
        </Suspense>
      )}

      {/* Two columns from Mantine's md breakpoint on, in CSS: SimpleGrid's code is not needed here. */}
      <div className="case-columns">
        <Panel id="case-messages" title={t('case.messages.heading')}>
          {messages.data ? (
            <MessageThread
              caseId={id}
              page={messages.data}
              canWrite={open}
              timeZone={timeZone}
              fieldId={MESSAGE_FIELD}
            />
          ) : messages.error ? (
            <ErrorNotice error={messages.error} />
          ) : (
            <Loading />
          )}
        </Panel>
        <Panel id="case-timeline" title={t('timeline.heading')}>
          {events.data ? (
            <CaseTimeline events={events.data.items} timeZone={timeZone} />
          ) : events.error ? (
            <ErrorNotice error={events.error} />
          ) : (
            <Loading />
          )}
        </Panel>
      </div>

      {belowFold && (
        <Suspense fallback={<Loading />}>
          <RecordsPanel
            caseId={id}
            checklist={checklist.data}
            documents={documents.data?.items}
            canUpload={open}
            timeZone={timeZone}
            onUploaded={() =>
              refresh(queryKeys.documents(id), queryKeys.recordRequests(id), queryKeys.caseEvents(id))
            }
          />

          <ProviderRecordsPanel caseId={id} canSign={open} timeZone={timeZone} />

          {followUps.data && followUps.data.items.length > 0 && (
            <FollowUpsPanel
              caseId={id}
              followUps={followUps.data.items}
              timeZone={timeZone}
              canReport={open}
            />
          )}

          {consents.data && (
            <SharingPanel
              caseId={id}
              consents={consents.data.items}
              documents={documents.data?.items ?? []}
              canChange={open}
              timeZone={timeZone}
            />
          )}

          <Panel id="case-request" title={t('case.request.heading')}>
            <Text fw={600}>{t('case.request.concern')}</Text>
            <Text className="message-body">
              <UserText>{current.concern}</UserText>
            </Text>
            <Text fw={600}>{t('case.request.questions')}</Text>
            <Stack component="ol" gap={2}>
              {current.questions.map((question, index) => (
                <Text component="li" key={index}>
                  <UserText>{question}</UserText>
                </Text>
              ))}
            </Stack>
          </Panel>

          {open && <WithdrawPanel kase={current} />}
        </Suspense>
      )}
    </Stack>
  );
}

export default CasePage;
