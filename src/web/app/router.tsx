import { createBrowserRouter } from 'react-router';
import { Layout } from './Layout';

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
      { path: '*', lazy: async () => ({ Component: (await import('../routes/NotFound')).NotFoundPage }) },
    ],
  },
]);
