import { Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { Me } from '../../../shared/identity';
import { safeNext, useMe } from '../../app/session';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { TwoStep } from '../../features/account/TwoStep';

/**
 * `/me/two-step`: staff sign in with a code from an authenticator app, so an account without it
 * sets it up here before anything else (the server refuses every other request until then).
 */
export function TwoStepSetupPage() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.error) return <ErrorNotice error={me.error} />;
  return <Enrolment me={me.data} />;
}

function Enrolment({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  // Once it is on, the backup codes are still to be seen: only an account that came here with
  // two-step sign-in already on moves straight on.
  const [alreadyOn] = useState(me.twoFactorEnabled);
  if (alreadyOn) return <Navigate to={next} replace />;
  return (
    <Stack gap="lg" maw={520} mx="auto">
      <PageHeading>{t('twoStep.setupTitle')}</PageHeading>
      <Text>{t('twoStep.setupIntro')}</Text>
      <Paper withBorder p="lg" radius="md">
        <TwoStep me={me} setup onDone={() => void navigate(next, { replace: true })} />
      </Paper>
    </Stack>
  );
}

export default TwoStepSetupPage;
