import { Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useAreas } from '../../i18n';
import { referralKeys, referralsApi } from './api';
import { ReferralSummary } from './ReferralSummary';
import { WithdrawReferral } from './WithdrawReferral';

/**
 * On the member's case page once the recommendations are delivered: where they are referred,
 * what the plan pays and what they pay, and the pre-authorisation's state. The case page re-reads
 * it when the case stream says a referral changed.
 */
export function ReferralsPanel({ caseId }: { caseId: string }) {
  const ready = useAreas(['referrals', 'coverage', 'errors']);
  const { t } = useTranslation();
  const referrals = useQuery({
    queryKey: referralKeys.ofCase(caseId),
    queryFn: () => referralsApi.list(caseId),
  });
  if (!ready) return <Loading />;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="case-referrals">
      <Stack gap="sm">
        <Title order={2} size="h3" id="case-referrals">
          {t('referrals.panel.heading')}
        </Title>
        <Text size="sm">{t('referrals.panel.intro')}</Text>
        <ErrorNotice error={referrals.error} />
        {referrals.isPending && <Loading />}
        {referrals.data?.items.length === 0 && <Text>{t('referrals.none')}</Text>}
        {referrals.data?.items.map((referral) => (
          <ReferralSummary
            key={referral.id}
            referral={referral}
            extra={<WithdrawReferral referral={referral} />}
          />
        ))}
      </Stack>
    </Paper>
  );
}
