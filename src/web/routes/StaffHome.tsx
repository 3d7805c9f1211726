import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import type { Me } from '../../shared/identity';
import { PageHeading } from '../components/PageHeading';

/** Staff are signed in (with their second factor): the way to their workspace. */
export function StaffHomePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  // An employer admin has one page: their company's hub.
  if (me.role === 'employer_admin') return <Navigate to="/employer-hub" replace />;
  return (
    <Stack gap="md">
      <PageHeading>{t('staff.title')}</PageHeading>
      <Text>{t('staff.welcome', { name: me.name })}</Text>
      {me.role === 'specialist' && (
        <Anchor component={Link} to="/specialist/offers">
          {t('desk.staffLink')}
        </Anchor>
      )}
      {me.role === 'case_manager' && (
        <Anchor component={Link} to="/workspace">
          {t('cm.nav.queue')}
        </Anchor>
      )}
      {me.role === 'ops' && (
        <>
          <Anchor component={Link} to="/ops">
            {t('ops.nav.dashboard')}
          </Anchor>
          <Anchor component={Link} to="/ops/staff">
            {t('ops.nav.staff')}
          </Anchor>
          <Anchor component={Link} to="/ops/employer-plans">
            {t('ops.nav.employerPlans')}
          </Anchor>
          <Anchor component={Link} to="/ops/planner">
            {t('ops.nav.planner')}
          </Anchor>
        </>
      )}
      {(me.role === 'moderator' || me.role === 'ops') && (
        <Anchor component={Link} to="/moderation">
          {t('staff.moderationLink')}
        </Anchor>
      )}
      {(me.role === 'cover_assessor' || me.role === 'ops') && (
        <Anchor component={Link} to="/cover">
          {t('staff.coverLink')}
        </Anchor>
      )}
      {me.role === 'privacy_officer' && (
        <Anchor component={Link} to="/privacy">
          {t('staff.privacyDeskLink')}
        </Anchor>
      )}
      {me.role !== 'case_manager' &&
        me.role !== 'ops' &&
        me.role !== 'specialist' &&
        me.role !== 'moderator' &&
        me.role !== 'cover_assessor' &&
        me.role !== 'privacy_officer' && <Text>{t('staff.comingSoon')}</Text>}
    </Stack>
  );
}
