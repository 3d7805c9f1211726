import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { Layout } from './Layout';

function FormerWorkspaceAddress() {
  const { pathname, search } = useLocation();
  return <Navigate to={`${pathname.replace(/^\/work(?=\/|$)/, '/workspace')}${search}`} replace />;
}

/** One chunk per page: the member downloads the code of the page they open, not of every page. */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, lazy: async () => ({ Component: (await import('../routes/Home')).HomePage }) },
      { path: 'sign-in', lazy: async () => ({ Component: (await import('../routes/SignIn')).SignInPage }) },
      { path: 'sign-up', lazy: async () => ({ Component: (await import('../routes/SignUp')).SignUpPage }) },
      // The member's pages.
      {
        path: 'cases/new',
        lazy: async () => ({
          Component: (await import('../routes/member/RequestOpinion')).RequestOpinionPage,
        }),
      },
      {
        path: 'cases/:id',
        lazy: async () => ({ Component: (await import('../routes/member/CasePage')).CasePage }),
      },
      {
        path: 'me/access-log',
        lazy: async () => ({ Component: (await import('../routes/member/AccessLog')).AccessLogPage }),
      },
      {
        path: 'me/profile',
        lazy: async () => ({ Component: (await import('../routes/member/Profile')).ProfilePage }),
      },
      // The specialist's review desk.
      {
        path: 'specialist/offers',
        lazy: async () => ({ Component: (await import('../routes/specialist/Offers')).DeskOffersPage }),
      },
      {
        path: 'specialist/offers/:offerId',
        lazy: async () => ({ Component: (await import('../routes/specialist/Review')).DeskReviewPage }),
      },
      // The case manager's workspace and the operations console: chunks members never download.
      {
        path: 'workspace',
        lazy: async () => ({ Component: (await import('../routes/staff/Queue')).QueuePage }),
      },
      {
        path: 'workspace/cases/:id',
        lazy: async () => ({ Component: (await import('../routes/staff/CaseWork')).CaseWorkPage }),
      },
      {
        path: 'ops',
        lazy: async () => ({ Component: (await import('../routes/ops/Dashboard')).DashboardPage }),
      },
      {
        path: 'ops/staff',
        lazy: async () => ({ Component: (await import('../routes/ops/Staff')).StaffPage }),
      },
      // The workspace's first address: bookmarks of it still lead there.
      { path: 'work/*', element: <FormerWorkspaceAddress /> },
      { path: '*', lazy: async () => ({ Component: (await import('../routes/NotFound')).NotFoundPage }) },
    ],
  },
]);
