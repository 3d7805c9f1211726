import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { api, queryKeys } from '../api/endpoints';
import { useMe } from '../app/session';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { SendLinkAgain } from '../features/account/ConfirmEmailNotice';

/**
 * The token of the link, read from the address's fragment (which no browser sends to a server),
 * then taken out of the address bar and the history.
 */
function useLinkToken(): string {
  const [token] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '');
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);
  return token;
}

/** Where to go on: the request form when signed in, else signing in with the way back to it. */
function Continue() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (!me.data) {
    return (
      <Button component={Link} to="/sign-in?next=%2Fcases%2Fnew" w="fit-content">
        {t('verify.page.signIn')}
      </Button>
    );
  }
  return (
    <Stack gap="sm">
      <Button component={Link} to="/cases/new" w="fit-content">
        {t('verify.page.continue')}
      </Button>
      <Anchor component={Link} to="/">
        {t('verify.page.hub')}
      </Anchor>
    </Stack>
  );
}

/** A link that no longer works: a new one for whoever is signed in, else signing in first. */
function NewLink() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (!me.data) {
    return (
      <Button component={Link} to="/sign-in" w="fit-content">
        {t('verify.page.signInForLink')}
      </Button>
    );
  }
  if (me.data.emailVerified) return <Continue />;
  return <SendLinkAgain email={me.data.email} />;
}

/**
 * `/verify-email#token=…`, from the e-mail: the address is confirmed at once, and the member goes
 * on where they were going (signed in as they were, or after signing in). A used, expired or broken
 * link says which, and how to get a new one.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const token = useLinkToken();
  const queryClient = useQueryClient();
  const confirm = useMutation({
    mutationFn: (value: string) => api.verifyEmail({ token: value }),
    // The account read before says "not confirmed": read it again.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
  // Once per page, even when React runs the effect twice.
  const asked = useRef(false);
  useEffect(() => {
    if (!token || asked.current) return;
    asked.current = true;
    confirm.mutate(token);
  }, [token, confirm]);

  const code = confirm.error instanceof ApiError ? confirm.error.code : undefined;
  let body;
  if (!token) {
    body = <Alert variant="light">{t('verify.page.noLink')}</Alert>;
  } else if (confirm.isSuccess || code === 'identity.email_verification_link_used') {
    body = (
      <>
        <Alert variant="light" color="green" role="status">
          {confirm.isSuccess ? t('verify.page.done') : t('verify.page.used')}
        </Alert>
        <Continue />
      </>
    );
  } else if (
    code === 'identity.email_verification_link_expired' ||
    code === 'identity.email_verification_link_invalid'
  ) {
    body = (
      <>
        <Alert variant="light" color="#8a3b00" role="alert">
          {code === 'identity.email_verification_link_expired'
            ? t('verify.page.expired')
            : t('verify.page.invalid')}
        </Alert>
        <NewLink />
      </>
    );
  } else if (confirm.error) {
    body = <ErrorNotice error={confirm.error} />;
  } else {
    body = <Text role="status">{t('verify.page.checking')}</Text>;
  }
  return (
    <Stack gap="lg" maw={520} mx="auto">
      <PageHeading>{t('verify.page.title')}</PageHeading>
      {body}
    </Stack>
  );
}
