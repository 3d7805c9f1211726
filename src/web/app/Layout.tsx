import { Anchor, Box, Button, Container, Group, Text, useDirection } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { removeAllDrafts } from '../features/requests/draftStore';
import { directionOf, isLocale } from '../i18n/locales';
import { isPublicPath, useMe } from './session';
import { setupPathFor, setupStepOf } from './setup';

/** Mantine's components follow the language's direction (Arabic right to left). */
function DirectionSync() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  useEffect(() => {
    setDirection(isLocale(i18n.language) ? directionOf(i18n.language) : 'ltr');
  }, [i18n.language, setDirection]);
  return null;
}

/** Signed in, the account's language wins over this device's (it was chosen by the member). */
function ProfileLanguageSync({ locale }: { locale: string | undefined }) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (isLocale(locale) && locale !== i18n.language) void i18n.changeLanguage(locale);
  }, [locale, i18n]);
  return null;
}

/** The header and the page; `children` instead of the route's page (the routes' error page). */
export function Layout({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const onPublicPage = isPublicPath(location.pathname);
  const me = useMe();
  const signedIn = me.data !== undefined && !(me.error instanceof ApiError && me.error.sessionEnded);
  // An account that must first choose its password or turn on two-step sign-in goes nowhere else.
  const setupStep = signedIn && !onPublicPage ? setupStepOf(me.data) : null;
  const mustSetUp = setupStep !== null && location.pathname !== setupStep;

  const signOut = useMutation({
    mutationFn: api.signOut,
    onSettled: () => {
      // What this person was writing stays with them, not on a device someone else may use.
      removeAllDrafts();
      queryClient.clear();
      void navigate('/sign-in', { replace: true });
    },
  });

  return (
    <>
      <DirectionSync />
      <ProfileLanguageSync locale={me.data?.locale} />
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <Box component="header" className="app-header">
        <Container size="md" py="sm">
          <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
            <Anchor component={Link} to="/" underline="never" className="brand">
              <Text component="span" fw={700} size="lg">
                {t('app.name')}
              </Text>
              <Text component="span" size="sm" className="brand-tagline">
                {t('app.tagline')}
              </Text>
            </Anchor>
            <Group gap="sm" align="flex-end" wrap="wrap">
              <LanguageSwitcher me={signedIn ? me.data : undefined} />
              {signedIn && !onPublicPage && (
                <Button
                  variant="default"
                  size="sm"
                  onClick={() => signOut.mutate()}
                  loading={signOut.isPending}
                >
                  {t('nav.signOut')}
                </Button>
              )}
            </Group>
          </Group>
        </Container>
      </Box>
      {signedIn && !onPublicPage && !setupStep && me.data?.role === 'member' && (
        <Box component="nav" aria-label={t('nav.member')} className="member-nav">
          <Container size="md" py={6}>
            <Group gap="md" wrap="wrap">
              <Anchor component={NavLink} to="/" end>
                {t('nav.hub')}
              </Anchor>
              <Anchor component={NavLink} to="/cases/new">
                {t('nav.requestOpinion')}
              </Anchor>
              <Anchor component={NavLink} to="/me/access-log">
                {t('nav.accessLog')}
              </Anchor>
              <Anchor component={NavLink} to="/me/data">
                {t('nav.myData')}
              </Anchor>
              <Anchor component={NavLink} to="/me/profile">
                {t('nav.profile')}
              </Anchor>
            </Group>
          </Container>
        </Box>
      )}
      <Container component="main" id="main" size="md" py="lg" tabIndex={-1}>
        {mustSetUp ? (
          <Navigate to={setupPathFor(setupStep, `${location.pathname}${location.search}`)} replace />
        ) : (
          (children ?? <Outlet />)
        )}
      </Container>
      <Box component="footer" className="app-footer">
        <Container size="md" py="sm">
          <Anchor component={Link} to="/service-reviews" size="sm">
            {t('nav.serviceReviews')}
          </Anchor>
        </Container>
      </Box>
    </>
  );
}
