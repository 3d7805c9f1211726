import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { signInPathFor, useMe } from '../app/session';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { HubPage } from './Hub';
import { StaffHomePage } from './StaffHome';

/** `/`: the member's Healthcare Hub; staff see their own start page; visitors go to sign in. */
export function HomePage() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.error instanceof ApiError && me.error.sessionEnded)
    return <Navigate to={signInPathFor(location, false)} replace />;
  if (me.error) return <ErrorNotice error={me.error} />;
  return me.data.role === 'member' ? <HubPage me={me.data} /> : <StaffHomePage me={me.data} />;
}

export default HomePage;
