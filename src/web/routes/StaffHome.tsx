import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../shared/identity';
import { PageHeading } from '../components/PageHeading';

/** Staff are signed in (with their second factor); their workspaces come in later increments. */
export function StaffHomePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <PageHeading>{t('staff.title')}</PageHeading>
      <Text>{t('staff.welcome', { name: me.name })}</Text>
      {me.role === 'specialist' ? (
        <Anchor component={Link} to="/specialist/offers">
          {t('desk.staffLink')}
        </Anchor>
      ) : (
        <Text>{t('staff.comingSoon')}</Text>
      )}
    </Stack>
  );
}
