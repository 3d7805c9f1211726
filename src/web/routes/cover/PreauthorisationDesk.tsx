import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney, minorDigitsOf } from '../../../shared/coverage';
import type { PreauthorisationDecision, PreauthorisationForAssessor } from '../../../shared/referrals';
import { specialtyName } from '../../../shared/specialty-taxonomy';
import { formatCalendarDate, formatMoment, isolate, regionName } from '../../app/format';
import { useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { UserText } from '../../components/UserText';
import { benefitKeys, outcomeKeys, ruleWords } from '../../features/coverage/coverWords';
import { assessorGuaranteeUrl, referralKeys, referralsApi } from '../../features/referrals/api';
import { preauthorisationStatusKey, toMinorUnits, urgencyKey } from '../../features/referrals/words';

type View = 'open' | 'decided';
type Choice = PreauthorisationDecision['decision'];

/**
 * `/cover`: the cover assessors' desk. The requests waiting for a decision, oldest first, each
 * with what the assessor needs to decide (the member and membership, the service, the facility,
 * the estimate and the cover check with its rules) and the decision form. Above the four-eyes
 * threshold the first approval shows who gave it, and the second assessor confirms its terms.
 */
export function PreauthorisationDeskPage() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('open');
  const queue = useQuery({ queryKey: referralKeys.queue(view), queryFn: () => referralsApi.queue(view) });
  return (
    <Stack gap="md">
      <PageHeading>{t('referrals.desk.title')}</PageHeading>
      <SegmentedControl
        aria-label={t('referrals.desk.show')}
        value={view}
        onChange={(value) => setView(value as View)}
        data={[
          { value: 'open', label: t('referrals.desk.open') },
          { value: 'decided', label: t('referrals.desk.decided') },
        ]}
        w="fit-content"
      />
      <ErrorNotice error={queue.error} />
      {queue.isPending && <Loading />}
      {queue.data?.items.length === 0 && <Text>{t('referrals.desk.empty')}</Text>}
      <Stack gap="md" component="ol" p={0} style={{ listStyle: 'none' }}>
        {queue.data?.items.map((request) => (
          <li key={request.id}>
            <RequestCard request={request} />
          </li>
        ))}
      </Stack>
    </Stack>
  );
}

function RequestCard({ request }: { request: PreauthorisationForAssessor }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const me = useMe();
  const money = (amount: number) =>
    isolate(formatMoney({ amount, currency: request.estimatedCost.currency }, locale));
  const headingId = `request-${request.id}`;
  const open =
    request.status === 'pending' ||
    request.status === 'information_requested' ||
    request.status === 'awaiting_second_approval';
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4" id={headingId}>
            {t('referrals.desk.case', { number: isolate(request.caseNumber) })} ·{' '}
            {specialtyName(request.service, locale) ?? request.service}
          </Title>
          <Badge variant="light" data-preauthorisation={request.status}>
            {t(preauthorisationStatusKey[request.status])}
          </Badge>
        </Group>
        <Text size="sm">
          {t('referrals.desk.member', {
            name: request.member.name,
            number: isolate(request.member.membershipNumber ?? ''),
          })}
        </Text>
        <Text size="sm">
          {t('referrals.desk.requestedBy', {
            name: request.requestedBy.name ?? '',
            date: formatMoment(request.requestedAt, locale, me.data?.timeZone),
          })}
        </Text>
        <Text size="sm">
          {t(benefitKeys[request.benefit])} ·{' '}
          {t('referrals.desk.diagnosis', { code: isolate(request.icd10) })} ·{' '}
          {t('referrals.urgencyLabel', { urgency: t(urgencyKey[request.urgency]) })} ·{' '}
          {t('referrals.treatmentDate', { date: formatCalendarDate(request.treatmentDate, locale) })}
        </Text>
        {request.facility && (
          <Text size="sm">
            {t('referrals.desk.facility', {
              name: request.facility.name,
              city: request.facility.city,
              country: regionName(request.facility.country, locale),
            })}{' '}
            ·{' '}
            {request.facility.directBilling
              ? t('referrals.desk.billsDirectly')
              : t('referrals.desk.notDirect')}
          </Text>
        )}
        <Text size="sm">
          <UserText>{request.reason}</UserText>
        </Text>
        <Text size="sm">
          {t('referrals.cover.estimate', { amount: money(request.estimatedCost.amount) })}
        </Text>
        <Text size="sm">
          {t(outcomeKeys[request.cover.outcome])} ·{' '}
          {t('referrals.cover.planPays', { amount: money(request.cover.planPays) })} ·{' '}
          {t('referrals.cover.youPay', { amount: money(request.cover.memberPays) })}
        </Text>
        <details>
          <summary>
            <Text span size="sm">
              {t('referrals.desk.rules')}
            </Text>
          </summary>
          <List size="sm">
            {request.cover.rules.map((rule, index) => (
              <List.Item key={`${rule.code}-${index}`}>
                {ruleWords(rule, locale, t)} ({isolate(rule.clause)})
              </List.Item>
            ))}
          </List>
        </details>
        {request.informationRequest && (
          <Text size="sm">{t('referrals.work.question', { question: request.informationRequest })}</Text>
        )}
        {request.informationAnswer && (
          <Text size="sm">{t('referrals.desk.answer', { answer: request.informationAnswer })}</Text>
        )}
        {request.secondApprovalRequired && open && <Text size="sm">{t('referrals.desk.fourEyes')}</Text>}
        {request.firstApproval && (
          <Text size="sm" fw={600} data-testid="first-approval">
            {t('referrals.desk.firstApproval', {
              name: request.firstApproval.by.name ?? '',
              date: formatMoment(request.firstApproval.at, locale, me.data?.timeZone),
              amount: money(request.firstApproval.amount),
              from: formatCalendarDate(request.firstApproval.validFrom, locale),
              to: formatCalendarDate(request.firstApproval.validTo, locale),
              reference: isolate(request.firstApproval.reference),
            })}
          </Text>
        )}
        {request.approval && (
          <Text size="sm">
            {t('referrals.preauth.approved', {
              amount: money(request.approval.amount),
              from: formatCalendarDate(request.approval.validFrom, locale),
              to: formatCalendarDate(request.approval.validTo, locale),
              reference: isolate(request.approval.reference),
            })}
          </Text>
        )}
        {request.approval && request.facility?.directBilling && (
          <Anchor href={assessorGuaranteeUrl(request.id)} size="sm" download>
            {t('referrals.guarantee')}
          </Anchor>
        )}
        {request.declineReason && (
          <Text size="sm">{t('referrals.preauth.declined', { reason: request.declineReason })}</Text>
        )}
        {open && request.status !== 'information_requested' && me.data?.role === 'cover_assessor' && (
          <DecisionForm request={request} />
        )}
      </Stack>
    </Paper>
  );
}

function DecisionForm({ request }: { request: PreauthorisationForAssessor }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const currency = request.estimatedCost.currency;
  const digits = minorDigitsOf(currency);
  const first = request.firstApproval;
  const [choice, setChoice] = useState<Choice>('approve');
  const [amount, setAmount] = useState<number | string>(
    (first?.amount ?? request.cover.planPays) / 10 ** digits,
  );
  const [validFrom, setValidFrom] = useState(first?.validFrom ?? request.treatmentDate);
  const [validTo, setValidTo] = useState(first?.validTo ?? '');
  const [reference, setReference] = useState(first?.reference ?? '');
  const [words, setWords] = useState('');
  const decide = useMutation({
    mutationFn: () =>
      referralsApi.decide(
        request.id,
        choice === 'approve'
          ? {
              decision: 'approve',
              version: request.version,
              amount: toMinorUnits(Number(amount), digits),
              validFrom,
              validTo,
              reference: reference.trim(),
            }
          : choice === 'decline'
            ? { decision: 'decline', version: request.version, reason: words.trim() }
            : { decision: 'request_information', version: request.version, question: words.trim() },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['preauthorisations'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate();
  };
  const id = request.id;
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`decision-${id}`}>
      <Stack gap="xs">
        <Title order={3} size="h5" id={`decision-${id}`}>
          {t('referrals.desk.decision')}
        </Title>
        <SegmentedControl
          aria-label={t('referrals.desk.decision')}
          value={choice}
          onChange={(value) => setChoice(value as Choice)}
          data={[
            { value: 'approve', label: first ? t('referrals.desk.confirm') : t('referrals.desk.approve') },
            { value: 'decline', label: t('referrals.desk.decline') },
            { value: 'request_information', label: t('referrals.desk.ask') },
          ]}
          w="fit-content"
        />
        {choice === 'approve' ? (
          <Group grow wrap="wrap" align="flex-start">
            <NumberInput
              label={t('referrals.desk.amount', { currency })}
              value={amount}
              onChange={setAmount}
              decimalScale={digits}
              min={0}
              thousandSeparator
              required
            />
            <TextInput
              type="date"
              label={t('referrals.desk.validFrom')}
              value={validFrom}
              onChange={(event) => setValidFrom(event.currentTarget.value)}
              required
            />
            <TextInput
              type="date"
              label={t('referrals.desk.validTo')}
              value={validTo}
              onChange={(event) => setValidTo(event.currentTarget.value)}
              required
            />
            <TextInput
              label={t('referrals.desk.reference')}
              value={reference}
              onChange={(event) => setReference(event.currentTarget.value)}
              dir="ltr"
              required
            />
          </Group>
        ) : (
          <Textarea
            label={choice === 'decline' ? t('referrals.desk.reason') : t('referrals.desk.question')}
            value={words}
            onChange={(event) => setWords(event.currentTarget.value)}
            autosize
            minRows={2}
            required
          />
        )}
        <ErrorNotice error={decide.error} />
        <Button type="submit" w="fit-content" loading={decide.isPending}>
          {t('referrals.desk.submit')}
        </Button>
      </Stack>
    </form>
  );
}

export default PreauthorisationDeskPage;
