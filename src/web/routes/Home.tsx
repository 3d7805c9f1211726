import { lazy, Suspense } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { signInPathFor, useMe } from '../app/session';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { loadAreas } from '../i18n';
import { HubPage } from './Hub';

// Staff start pages name every staff area; a member never loads them or their words.
const StaffHomePage = lazy(async () => {
  const [{ StaffHomePage: Component }] = await Promise.all([
    import('./StaffHome'),
    loadAreas(['staff', 'ops', 'specialist']),
  ]);
  return { default: Component };
});

/** `/`: the member's Healthcare Hub; staff see their own start page; visitors go to sign in. */
export function HomePage() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.error instanceof ApiError && me.error.sessionEnded)
    return <Navigate to={signInPathFor(location, false)} replace />;
  if (me.error) return <ErrorNotice error={me.error} />;
  if (me.data.role === 'member') return <HubPage me={me.data} />;
  return (
    <Suspense fallback={<Loading />}>
      <StaffHomePage me={me.data} />
    </Suspense>
  );
}

export default HomePage;
