import { Button, Group, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { PageHeading } from '../components/PageHeading';
import { Layout } from './Layout';
import { isMissingCodeError, shouldReloadFor } from './routeError';

// Decided once per error: React may render this more than once (StrictMode, a language change).
const reloadDecisions = new WeakMap<object, boolean>();
function reloadDecision(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  let decision = reloadDecisions.get(error);
  if (decision === undefined) {
    try {
      decision = shouldReloadFor(error, window.sessionStorage, new Date().getTime());
    } catch {
      // The storage itself refused (some private windows): no reload, never a loop.
      decision = false;
    }
    reloadDecisions.set(error, decision);
  }
  return decision;
}

/**
 * The routes' error page, in the reader's language, inside the usual header: a page that failed
 * to render, or whose code could not be fetched. Code that went missing after a new release
 * reloads the page once by itself; otherwise the reader is offered the reload.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const reload = reloadDecision(error);
  useEffect(() => {
    if (reload) window.location.reload();
  }, [reload]);
  if (reload) return null;
  return (
    <Layout>
      <PageHeading>{t('app.routeError.title')}</PageHeading>
      <Text mt="md">
        {t(isMissingCodeError(error) ? 'app.routeError.newVersion' : 'app.routeError.body')}
      </Text>
      <Group mt="md">
        <Button onClick={() => window.location.reload()}>{t('app.routeError.reload')}</Button>
      </Group>
    </Layout>
  );
}
