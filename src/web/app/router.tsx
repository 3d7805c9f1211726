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
      {
        path: 'specialist/offers',
        lazy: async () => ({ Component: (await import('../routes/specialist/Offers')).DeskOffersPage }),
      },
      {
        path: 'specialist/offers/:offerId',
        lazy: async () => ({ Component: (await import('../routes/specialist/Review')).DeskReviewPage }),
      },
      { path: '*', lazy: async () => ({ Component: (await import('../routes/NotFound')).NotFoundPage }) },
    ],
  },
]);
