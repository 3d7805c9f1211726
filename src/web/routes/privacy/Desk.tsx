import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrivacyRequest, PrivacyRequestDecision } from '../../../shared/privacy';
import { formatMoment } from '../../app/format';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { UserText } from '../../components/UserText';
import { accessReportHref, privacyApi, privacyKeys } from '../../features/privacy/api';
import { kindWords, statusWords } from '../../features/privacy/words';

const outcomes = ['granted', 'partially_granted', 'refused'] as const;

function ErasurePlanView({ request }: { request: PrivacyRequest }) {
  const { t, i18n } = useTranslation();
  const plan = request.erasurePlan;
  if (!plan) return null;
  return (
    <Stack gap={2} data-testid="erasure-plan">
      {plan.openCaseNumbers.length > 0 && (
        <Text size="sm">{t('privacy.desk.plan.open', { cases: plan.openCaseNumbers.join(', ') })}</Text>
      )}
      {plan.retained.map((hold) => (
        <Text size="sm" key={hold.caseId}>
          {t('privacy.desk.plan.retained', {
            caseNumber: hold.caseNumber,
            country: hold.country,
            years: hold.years,
            until: formatMoment(hold.retainedUntil, i18n.language, 'UTC'),
          })}
        </Text>
      ))}
      <Text size="sm">
        {plan.erasableCaseNumbers.length > 0
          ? t('privacy.desk.plan.erasable', { cases: plan.erasableCaseNumbers.join(', ') })
          : t('privacy.desk.plan.accountOnly')}
      </Text>
    </Stack>
  );
}

function RequestCard({ request }: { request: PrivacyRequest }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<PrivacyRequestDecision['outcome'] | null>(null);
  const [answer, setAnswer] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: privacyKeys.openRequests });
  const extend = useMutation({
    mutationFn: () => privacyApi.extend(request.id, { reason, version: request.version }),
    onSuccess: refresh,
  });
  const decide = useMutation({
    mutationFn: () => privacyApi.decide(request.id, { outcome: outcome!, answer, version: request.version }),
    onSuccess: refresh,
  });
  const heading = t('privacy.desk.requestOf', {
    kind: kindWords(t, request.kind),
    name: request.member?.name ?? '',
    number: request.member?.memberNumber ?? '',
  });
  const id = `request-${request.id}`;
  return (
    <Paper component="li" withBorder p="md" aria-labelledby={id}>
      <Stack gap="xs">
        <Group gap="sm">
          <Title order={3} size="h4" id={id}>
            {heading}
          </Title>
          {request.dueSoon && (
            <Badge color="orange" variant="light">
              {t('privacy.desk.dueSoon')}
            </Badge>
          )}
        </Group>
        <Text size="sm">
          {t('privacy.desk.due', {
            due: formatMoment(request.dueAt, i18n.language, me.data?.timeZone),
            received: formatMoment(request.receivedAt, i18n.language, me.data?.timeZone),
          })}
        </Text>
        {request.message && (
          <Text size="sm">
            <UserText>{request.message}</UserText>
          </Text>
        )}
        {request.extendedAt ? (
          <Text size="sm">
            {t('privacy.desk.extended')} <UserText>{request.extensionReason ?? ''}</UserText>
          </Text>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              extend.mutate();
            }}
          >
            <Group align="end" gap="sm">
              <TextInput
                label={t('privacy.desk.extend.reason')}
                value={reason}
                onChange={(event) => setReason(event.currentTarget.value)}
                minLength={3}
                required
              />
              <Button type="submit" variant="default" loading={extend.isPending}>
                {t('privacy.desk.extend')}
              </Button>
            </Group>
            <ErrorNotice error={extend.error} />
          </form>
        )}
        <ErasurePlanView request={request} />
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (outcome) decide.mutate();
          }}
        >
          <Stack gap="xs">
            <Radio.Group
              label={t('privacy.desk.outcome')}
              value={outcome}
              onChange={(value) => setOutcome(value as PrivacyRequestDecision['outcome'])}
              required
            >
              <Group gap="md" mt={4}>
                {outcomes
                  .filter((value) => value !== 'partially_granted' || request.kind === 'erasure')
                  .map((value) => (
                    <Radio key={value} value={value} label={statusWords(t, value)} />
                  ))}
              </Group>
            </Radio.Group>
            <Textarea
              label={t('privacy.desk.answer')}
              value={answer}
              onChange={(event) => setAnswer(event.currentTarget.value)}
              minLength={3}
              required
              autosize
              minRows={2}
            />
            <ErrorNotice error={decide.error} />
            <Button type="submit" disabled={!outcome} loading={decide.isPending} w="fit-content">
              {t('privacy.desk.decide')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

function Requests() {
  const { t } = useTranslation();
  const requests = useQuery({ queryKey: privacyKeys.openRequests, queryFn: privacyApi.openRequests });
  return (
    <Stack gap="sm" component="section" aria-labelledby="desk-requests">
      <Title order={2} size="h3" id="desk-requests">
        {t('privacy.desk.requests')}
      </Title>
      {requests.isPending ? (
        <Loading />
      ) : requests.error ? (
        <ErrorNotice error={requests.error} />
      ) : requests.data.items.length === 0 ? (
        <Text>{t('privacy.desk.noRequests')}</Text>
      ) : (
        <Stack component="ul" gap="sm" className="plain-list">
          {requests.data.items.map((item) => (
            <RequestCard key={item.id} request={item} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function Trail() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [by, setBy] = useState<'member' | 'staff'>('member');
  const [value, setValue] = useState('');
  const search = useMutation({
    mutationFn: () =>
      privacyApi.trail(by === 'member' ? { memberNumber: value.trim() } : { actorEmail: value.trim() }),
  });
  const verify = useMutation({ mutationFn: privacyApi.verify });
  return (
    <Stack gap="sm" component="section" aria-labelledby="desk-trail">
      <Title order={2} size="h3" id="desk-trail">
        {t('privacy.desk.trail')}
      </Title>
      <Group gap="sm">
        <Button variant="default" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('privacy.desk.verify')}
        </Button>
      </Group>
      <ErrorNotice error={verify.error} />
      {verify.data && (
        <Text role="status" data-testid="chain-verification">
          {verify.data.ok
            ? t('privacy.desk.verified', { count: verify.data.checked, anchors: verify.data.anchors })
            : t('privacy.desk.broken', { seq: verify.data.firstBrokenSeq ?? 0 })}
        </Text>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) search.mutate();
        }}
      >
        <Stack gap="xs">
          <Radio.Group
            label={t('privacy.desk.searchBy')}
            value={by}
            onChange={(next) => setBy(next as 'member' | 'staff')}
          >
            <Group gap="md" mt={4}>
              <Radio value="member" label={t('privacy.desk.byMember')} />
              <Radio value="staff" label={t('privacy.desk.byStaff')} />
            </Group>
          </Radio.Group>
          <Group align="end" gap="sm">
            <TextInput
              label={by === 'member' ? t('privacy.desk.byMember') : t('privacy.desk.byStaff')}
              value={value}
              onChange={(event) => setValue(event.currentTarget.value)}
              type={by === 'member' ? 'text' : 'email'}
              required
            />
            <Button type="submit" loading={search.isPending}>
              {t('privacy.desk.search')}
            </Button>
            {by === 'member' && value.trim() && (
              <Anchor href={accessReportHref(value.trim())} download>
                {t('privacy.desk.report')}
              </Anchor>
            )}
          </Group>
        </Stack>
      </form>
      <ErrorNotice error={search.error} />
      {search.data &&
        (search.data.items.length === 0 ? (
          <Text>{t('privacy.desk.noEvents')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={600}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('privacy.desk.column.when')}</Table.Th>
                  <Table.Th>{t('privacy.desk.column.action')}</Table.Th>
                  <Table.Th>{t('privacy.desk.column.who')}</Table.Th>
                  <Table.Th>{t('privacy.desk.column.purpose')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {search.data.items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>{formatMoment(item.occurredAt, i18n.language, me.data?.timeZone)}</Table.Td>
                    <Table.Td>
                      <code>{item.action}</code>
                    </Table.Td>
                    <Table.Td>
                      {item.actorName ?? ''} <code>{item.actorRole}</code>
                    </Table.Td>
                    <Table.Td>
                      <code>{item.purpose}</code>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ))}
    </Stack>
  );
}

/** `/privacy`: the privacy officer's desk: requests and their deadlines, the audit trail, its chain. */
export function PrivacyDeskPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <PageHeading>{t('privacy.desk.title')}</PageHeading>
      <Requests />
      <Trail />
    </Stack>
  );
}
