import { Anchor, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, queryKeys } from '../../api/endpoints';
import { formatMoment } from '../../app/format';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useCaseStream } from '../../features/cases/useCaseStream';
import { MessageThread } from '../../features/messages/MessageThread';
import { addMessageToThread } from '../../features/messages/thread';
import { CaseHeading, IntakePanel, TimelinePanel } from './CaseFile';
import { FacilitiesPanel } from './FacilitiesPanel';
import { WorkspaceReferrals } from '../../features/referrals/WorkspaceReferrals';
import { FollowUpsPanel } from './FollowUpsPanel';
import { OutcomePanel } from './OutcomePanel';
import { RecommendationsPanel } from './RecommendationsPanel';
import { WorkspaceOpinionLayers } from '../../features/opinion-layers/WorkspaceOpinionLayers';
import { ContactPanel } from './Contact';
import { Deadline, useWarningHours } from './Deadline';
import { refreshCase } from './refreshCase';
import { useNow } from './Deadline';
import { RecordsPanel } from './Records';
import { ReviewsPanel } from './reviews/ReviewsPanel';

// Follow-up questions to the specialists after delivery: their own chunk and words.
const ForwardPanel = lazy(async () => ({
  default: (await import('../../features/followups/ForwardPanel')).ForwardPanel,
}));
// The treating providers and the records asked of them: their own chunk and words.
const ProvidersPanel = lazy(async () => ({
  default: (await import('../../features/records/ProvidersPanel')).ProvidersPanel,
}));
import { focusWhenShown, ShortcutsHelp, useShortcuts } from './shortcuts';

const panels = [
  { value: 'intake', label: 'cm.tab.intake' },
  { value: 'timeline', label: 'cm.tab.timeline' },
  { value: 'contact', label: 'cm.tab.contact' },
  { value: 'records', label: 'cm.tab.records' },
  { value: 'review', label: 'cm.tab.review' },
  { value: 'messages', label: 'cm.tab.messages' },
  { value: 'recommendations', label: 'cm.tab.recommendations' },
  { value: 'follow-ups', label: 'cm.tab.followUps' },
] as const;

/**
 * The tabs: the panels with a digit key, then the facility finder, the referrals and the outcome, reached from
 * the tab list (arrow keys) without a key of their own.
 */
const tabs = [
  ...panels,
  { value: 'facilities', label: 'cm.tab.facilities' } as const,
  { value: 'referrals', label: 'cm.tab.referrals' } as const,
  { value: 'outcome', label: 'cm.tab.outcome' } as const,
];

const MESSAGE_FIELD = 'case-message';

/**
 * The common actions of a case, one key each: the key shows the action's panel and puts the focus
 * in the first field of its form (letters that are not digits, `q` or `?`, and never taken while
 * typing in a field).
 */
const actions = [
  { key: 'c', panel: 'contact', field: 'contact-channel', label: 'cm.shortcuts.logContact' },
  { key: 'a', panel: 'records', field: 'record-kind', label: 'cm.shortcuts.askRecord' },
  { key: 'm', panel: 'messages', field: MESSAGE_FIELD, label: 'cm.shortcuts.writeMessage' },
  {
    key: 'e',
    panel: 'recommendations',
    field: 'recommendations-body',
    label: 'cm.shortcuts.writeRecommendations',
  },
  { key: 'x', panel: 'follow-ups', field: 'close-reason', label: 'cm.shortcuts.closeCase' },
] as const;

/** Ctrl+Enter (⌘+Enter on a Mac) in the message box sends the message. */
function useSendWithCtrlEnter(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      const field = event.target;
      if (!(field instanceof HTMLTextAreaElement) || field.id !== MESSAGE_FIELD) return;
      event.preventDefault();
      field.form?.requestSubmit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** `/workspace/cases/:id`: the whole case for the case manager, one panel per part of the work. */
export function CaseWorkPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const now = useNow(1000);
  const warningHours = useWarningHours();
  const [panel, setPanel] = useState<string>('intake');
  const [helpOpen, setHelpOpen] = useState(false);
  const client = useQueryClient();
  const kase = useQuery({ queryKey: queryKeys.case(id), queryFn: () => api.case(id) });
  const messages = useQuery({ queryKey: queryKeys.messages(id), queryFn: () => api.messages(id) });
  // Live: a message joins the thread; anything else re-reads what this view shows.
  const refresh = () => void refreshCase(client, id);
  useCaseStream(id, messages.data?.streamPosition ?? null, {
    onMessage: (message) => addMessageToThread(client, id, message),
    onStatusChanged: refresh,
    onDocumentUploaded: refresh,
    onEventAdded: refresh,
    onReferralChanged: refresh,
  });

  const focusTab = (value: string) => document.getElementById(`case-tab-${value}`)?.focus();
  const choose = (value: string) => {
    setPanel(value);
    // Keyboard users land on the chosen tab, ready to move into its panel.
    window.requestAnimationFrame(() => focusTab(value));
  };
  // An action whose form is not offered (a closed case has no closing form) lands on its tab.
  const act = (action: (typeof actions)[number]) => {
    setPanel(action.panel);
    focusWhenShown(action.field, () => focusTab(action.panel));
  };
  useShortcuts(
    {
      ...Object.fromEntries(panels.map((entry, index) => [String(index + 1), () => choose(entry.value)])),
      ...Object.fromEntries(actions.map((action) => [action.key, () => act(action)])),
      q: () => void navigate('/workspace'),
      '?': () => setHelpOpen(true),
    },
    !helpOpen,
  );
  useSendWithCtrlEnter();

  const timeZone = me.data?.timeZone;
  if (kase.isPending) return <Loading />;
  if (kase.error) return <ErrorNotice error={kase.error} />;
  const data = kase.data;
  const ended = data.status === 'closed' || data.status === 'withdrawn';
  return (
    <Stack gap="md">
      {me.data?.role === 'ops' ? (
        <Anchor component={Link} to="/ops">
          {t('cm.case.backToDashboard')}
        </Anchor>
      ) : (
        <Anchor component={Link} to="/workspace">
          {t('cm.case.backToQueue')}
        </Anchor>
      )}
      <PageHeading>{t('cm.case.title', { number: data.number })}</PageHeading>
      <CaseHeading kase={data} />
      <Group gap="md" wrap="wrap">
        <Deadline kase={data} now={now} warningHours={warningHours} />
        <Text size="sm">
          {t('cm.case.promise', {
            time: formatMoment(data.firstContactDueAt, i18n.language, timeZone),
            memberTime: formatMoment(data.firstContactDueAt, i18n.language, data.timeZone),
          })}
        </Text>
        <Button variant="subtle" size="xs" onClick={() => setHelpOpen(true)}>
          {t('cm.shortcuts.open')}
        </Button>
      </Group>
      <Tabs value={panel} onChange={(value) => value && setPanel(value)} keepMounted={false}>
        <Tabs.List aria-label={t('cm.case.panels')}>
          {tabs.map((entry) => (
            <Tabs.Tab key={entry.value} value={entry.value} id={`case-tab-${entry.value}`}>
              {t(entry.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="intake" pt="md">
          <IntakePanel kase={data} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md">
          <TimelinePanel caseId={id} timeZone={timeZone} />
        </Tabs.Panel>
        <Tabs.Panel value="contact" pt="md">
          <ContactPanel kase={data} myTimeZone={timeZone ?? 'UTC'} />
        </Tabs.Panel>
        <Tabs.Panel value="records" pt="md">
          <Stack gap="lg">
            <RecordsPanel caseId={id} timeZone={timeZone} />
            <Suspense fallback={<Loading />}>
              <ProvidersPanel caseId={id} timeZone={timeZone} />
            </Suspense>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="review" pt="md">
          <ReviewsPanel kase={data} timeZone={timeZone} />
          <Suspense fallback={<Loading />}>
            <ForwardPanel
              caseId={id}
              status={data.status}
              memberLanguage={data.preferredLanguage}
              timeZone={timeZone}
            />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="messages" pt="md">
          {messages.error && <ErrorNotice error={messages.error} />}
          {messages.data && (
            <MessageThread
              caseId={id}
              fieldId={MESSAGE_FIELD}
              page={messages.data}
              canWrite={!ended && data.caseManager?.id === me.data?.id}
              timeZone={timeZone}
              emptyText={t('cm.messages.empty')}
            />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="recommendations" pt="md">
          <Stack gap="lg">
            <WorkspaceOpinionLayers kase={data} />
            <RecommendationsPanel kase={data} timeZone={timeZone} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="follow-ups" pt="md">
          <FollowUpsPanel kase={data} timeZone={timeZone} />
        </Tabs.Panel>
        <Tabs.Panel value="facilities" pt="md">
          <FacilitiesPanel kase={data} />
        </Tabs.Panel>
        <Tabs.Panel value="referrals" pt="md">
          <WorkspaceReferrals kase={data} />
        </Tabs.Panel>
        <Tabs.Panel value="outcome" pt="md">
          <OutcomePanel kase={data} timeZone={timeZone} />
        </Tabs.Panel>
      </Tabs>
      <ShortcutsHelp
        opened={helpOpen}
        onClose={() => setHelpOpen(false)}
        shortcuts={[
          ...panels.map((entry, index) => ({
            keys: [String(index + 1)],
            label: t('cm.shortcuts.panel', { panel: t(entry.label) }),
          })),
          ...actions.map((action) => ({ keys: [action.key], label: t(action.label) })),
          {
            keys: [t('cm.shortcuts.ctrlKey'), t('cm.shortcuts.enterKey')],
            label: t('cm.shortcuts.sendMessage'),
          },
          { keys: ['q'], label: t('cm.shortcuts.queue') },
          { keys: ['?'], label: t('cm.shortcuts.help') },
        ]}
      />
    </Stack>
  );
}

export default CaseWorkPage;
