import { Anchor, Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../shared/coverage';
import type { Referral } from '../../../shared/referrals';
import { specialtyName } from '../../../shared/specialty-taxonomy';
import { formatCalendarDate, isolate, languageName, listOf, zoneName } from '../../app/format';
import { outcomeKeys, ruleWords } from '../coverage/coverWords';
import { guaranteeUrl, letterUrl } from './api';
import { mapLinks, preauthorisationStatusKey, urgencyKey } from './words';

/** ISO weekday (1 Monday … 7 Sunday) named in the reader's language. */
function weekdayName(day: number, locale: string): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, day)),
  );
}

/**
 * One referral as its readers see it: where to go (address, phone, languages, opening hours, a
 * link to a map application), what the plan pays and what the member pays, and the
 * pre-authorisation's state; the letters to download. `extra` is what the staff view adds.
 */
export function ReferralSummary({ referral, extra }: { referral: Referral; extra?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const service = specialtyName(referral.service, locale) ?? referral.service;
  const money = (amount: number) =>
    isolate(formatMoney({ amount, currency: referral.cover.currency }, locale));
  const { facility, preauthorisation } = referral;
  const headingId = `referral-${referral.id}`;
  return (
    <Paper component="article" withBorder p="sm" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group gap="xs">
          <Title order={3} size="h4" id={headingId}>
            {t('referrals.item', { service })}
          </Title>
          {referral.status === 'withdrawn' && (
            <Badge variant="light" color="gray">
              {t('referrals.withdrawn')}
            </Badge>
          )}
        </Group>
        <Text size="sm">
          {t('referrals.treatmentDate', { date: formatCalendarDate(referral.treatmentDate, locale) })} ·{' '}
          {t('referrals.urgencyLabel', { urgency: t(urgencyKey[referral.urgency]) })}
        </Text>
        {facility && (
          <Stack gap={4}>
            <Text fw={600}>{facility.name}</Text>
            <Text size="sm">
              {facility.address}, {facility.city}
            </Text>
            {facility.phone && (
              <Text size="sm">
                {t('referrals.facility.phone')}{' '}
                <Anchor href={`tel:${facility.phone.e164}`} dir="ltr">
                  {facility.phone.international}
                </Anchor>
              </Text>
            )}
            <Text size="sm">
              {t('referrals.facility.languages', {
                languages: listOf(
                  facility.languages.map((tag) => languageName(tag, locale)),
                  locale,
                ),
              })}
            </Text>
            <Group gap="md" wrap="wrap">
              <Anchor href={mapLinks(facility).geo} size="sm">
                {t('referrals.facility.mapApp')}
              </Anchor>
              <Anchor href={mapLinks(facility).osm} size="sm" target="_blank" rel="noopener noreferrer">
                {t('referrals.facility.osm')}
              </Anchor>
            </Group>
            {facility.openingHours.length > 0 && (
              <details>
                <summary>
                  <Text span size="sm">
                    {t('referrals.facility.hours')} ·{' '}
                    {t('referrals.facility.hoursZone', { zone: zoneName(facility.timeZone, locale) })}
                  </Text>
                </summary>
                <List size="sm">
                  {facility.openingHours.map((period) => (
                    <List.Item key={`${period.day}-${period.opens}`}>
                      {t('referrals.facility.hoursLine', {
                        day: weekdayName(period.day, locale),
                        opens: isolate(period.opens),
                        closes: isolate(period.closes),
                      })}
                    </List.Item>
                  ))}
                </List>
              </details>
            )}
            <Text size="sm">
              {facility.directBilling
                ? t('referrals.facility.directBilling')
                : t('referrals.facility.noDirectBilling')}
            </Text>
          </Stack>
        )}
        {referral.receivingDoctor && (
          <Text size="sm">{t('referrals.doctor', { name: referral.receivingDoctor })}</Text>
        )}
        <Stack gap={2} aria-live="polite">
          <Text size="sm">
            {t('referrals.cover.estimate', { amount: money(referral.cover.estimatedCost) })}
          </Text>
          <Text size="sm" data-testid="plan-pays">
            {t('referrals.cover.planPays', { amount: money(referral.cover.planPays) })}
          </Text>
          <Text fw={600} data-testid="member-pays">
            {t('referrals.cover.youPay', { amount: money(referral.cover.memberPays) })}
          </Text>
          <CoverAnswer cover={referral.cover} />
        </Stack>
        <Stack gap={2} aria-live="polite">
          <Group gap="xs">
            <Text size="sm">{t('referrals.preauth.heading')}</Text>
            {preauthorisation && (
              <Badge variant="light" data-preauthorisation={preauthorisation.status}>
                {t(preauthorisationStatusKey[preauthorisation.status])}
              </Badge>
            )}
          </Group>
          {!preauthorisation && <Text size="sm">{t('referrals.preauth.notNeeded')}</Text>}
          {preauthorisation?.approval && (
            <Text size="sm">
              {t('referrals.preauth.approved', {
                amount: money(preauthorisation.approval.amount),
                from: formatCalendarDate(preauthorisation.approval.validFrom, locale),
                to: formatCalendarDate(preauthorisation.approval.validTo, locale),
                reference: isolate(preauthorisation.approval.reference),
              })}
            </Text>
          )}
          {preauthorisation?.declineReason && (
            <Text size="sm">
              {t('referrals.preauth.declined', { reason: preauthorisation.declineReason })}
            </Text>
          )}
        </Stack>
        {referral.sharedDocuments.length > 0 && (
          <Text size="sm">
            {t('referrals.records', {
              titles: listOf(
                referral.sharedDocuments.map((document) => document.title),
                locale,
              ),
            })}
          </Text>
        )}
        <Group gap="md" wrap="wrap">
          <Anchor href={letterUrl(referral.caseId, referral.id)} size="sm" download>
            {t('referrals.letter')}
          </Anchor>
          {preauthorisation?.approval && facility?.directBilling && (
            <Anchor href={guaranteeUrl(referral.caseId, referral.id)} size="sm" download>
              {t('referrals.guarantee')}
            </Anchor>
          )}
        </Group>
        {extra}
      </Stack>
    </Paper>
  );
}

/**
 * The cover check's outcome and why, in the reader's words: every rule that excluded, limited or
 * asks something first (those that merely allowed stay unsaid).
 */
export function CoverAnswer({ cover }: { cover: Referral['cover'] }) {
  const { t, i18n } = useTranslation();
  const telling = cover.rules.filter((rule) => rule.effect !== 'allows');
  return (
    <Stack gap={2} data-testid="cover-answer">
      <Text size="sm" fw={600}>
        {t(outcomeKeys[cover.outcome])}
      </Text>
      {telling.length > 0 && (
        <List size="sm" aria-label={t('referrals.cover.why')}>
          {telling.map((rule) => (
            <List.Item key={`${rule.clause}-${rule.code}`}>{ruleWords(rule, i18n.language, t)}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
