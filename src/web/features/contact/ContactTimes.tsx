import { Button } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';

// The windows' editors come with the first window: a member without one does not download them.
const ContactWindows = lazy(() => import('./ContactWindows'));

/** One good time to be contacted: days of the week (0 = Sunday) and a time of day, in one zone. */
export interface ContactWindowDraft {
  days: number[];
  from: string;
  to: string;
}

/** Most windows a request or a profile may hold (the server's limit). */
export const MAX_CONTACT_WINDOWS = 14;

/**
 * The list of good times to be contacted, each with its days and hours, as the request form and
 * the profile both edit it. `error` is given the window's path (`0.days`, `1.to`) and answers the
 * message to show there, if any.
 */
export function ContactTimes({
  windows,
  onChange,
  error,
}: {
  windows: ContactWindowDraft[];
  onChange: (windows: ContactWindowDraft[]) => void;
  error: (path: string) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      {windows.length > 0 && (
        <Suspense fallback={<Loading />}>
          <ContactWindows windows={windows} onChange={onChange} error={error} />
        </Suspense>
      )}
      {windows.length < MAX_CONTACT_WINDOWS && (
        <Button
          variant="light"
          w="fit-content"
          onClick={() => onChange([...windows, { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }])}
        >
          {t('request.addWindow')}
        </Button>
      )}
    </>
  );
}
