import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { loadAreas, type Area } from '../i18n';
import { Layout } from './Layout';
import { RouteError } from './RouteError';

/** A page and the catalogues of its areas, loaded side by side (see src/web/i18n/index.ts). */
const pageOf =
  (areas: readonly Area[], page: () => Promise<ComponentType>) =>
  async (): Promise<{ Component: ComponentType }> => {
    const [Component] = await Promise.all([page(), loadAreas(areas)]);
    return { Component };
  };

function FormerWorkspaceAddress() {
  const { pathname, search } = useLocation();
  return <Navigate to={`${pathname.replace(/^\/work(?=\/|$)/, '/workspace')}${search}`} replace />;
}

/** One chunk per page: the member downloads the code of the page they open, not of every page. */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    // A page that fails to render or to load its code: said in words, with a reload (RouteError).
    errorElement: <RouteError />,
    children: [
      {
        index: true,
        lazy: pageOf(['member', 'hub', 'errors'], async () => (await import('../routes/Home')).HomePage),
      },
      {
        path: 'sign-in',
        lazy: pageOf(['sign-in'], async () => (await import('../routes/SignIn')).SignInPage),
      },
      {
        path: 'forgot-password',
        lazy: pageOf(
          ['sign-in', 'errors'],
          async () => (await import('../routes/PasswordReset')).ForgotPasswordPage,
        ),
      },
      {
        path: 'reset-password',
        lazy: pageOf(
          ['sign-in', 'errors'],
          async () => (await import('../routes/PasswordReset')).ResetPasswordPage,
        ),
      },
      {
        path: 'verify-email',
        lazy: pageOf(
          ['member', 'errors'],
          async () => (await import('../routes/VerifyEmail')).VerifyEmailPage,
        ),
      },
      {
        path: 'sign-up',
        lazy: pageOf(['sign-in'], async () => (await import('../routes/SignUp')).SignUpPage),
      },
      // The member's pages; the case page needs only the shared catalogue, to be quick on a phone.
      {
        path: 'cases/new',
        lazy: pageOf(
          ['member', 'request'],
          async () => (await import('../routes/member/RequestOpinion')).RequestOpinionPage,
        ),
      },
      {
        path: 'cases/:id',
        lazy: async () => ({ Component: (await import('../routes/member/CasePage')).CasePage }),
      },
      {
        path: 'me/access-log',
        lazy: pageOf(
          ['access-log', 'errors'],
          async () => (await import('../routes/member/AccessLog')).AccessLogPage,
        ),
      },
      {
        path: 'me/data',
        lazy: pageOf(['privacy', 'errors'], async () => (await import('../routes/member/MyData')).MyDataPage),
      },
      {
        path: 'me/profile',
        lazy: pageOf(['member'], async () => (await import('../routes/member/Profile')).ProfilePage),
      },
      // An account's own setup: its password, then two-step sign-in (staff must, before anything else).
      {
        path: 'me/password',
        lazy: pageOf(
          ['member', 'account', 'errors'],
          async () => (await import('../routes/account/ChoosePassword')).ChoosePasswordPage,
        ),
      },
      {
        path: 'me/two-step',
        lazy: pageOf(
          ['member', 'account', 'errors'],
          async () => (await import('../routes/account/TwoStepSetup')).TwoStepSetupPage,
        ),
      },
      // The specialist's review desk.
      {
        path: 'specialist/offers',
        lazy: pageOf(
          ['specialist'],
          async () => (await import('../routes/specialist/Offers')).DeskOffersPage,
        ),
      },
      {
        path: 'specialist/offers/:offerId',
        lazy: pageOf(
          ['specialist'],
          async () => (await import('../routes/specialist/Review')).DeskReviewPage,
        ),
      },
      // The case manager's workspace and the operations console: chunks members never download.
      {
        path: 'workspace',
        lazy: pageOf(['staff', 'errors'], async () => (await import('../routes/workspace/Queue')).QueuePage),
      },
      {
        path: 'workspace/cases/:id',
        lazy: pageOf(
          ['staff', 'errors'],
          async () => (await import('../routes/workspace/CaseWork')).CaseWorkPage,
        ),
      },
      {
        path: 'ops',
        lazy: pageOf(
          ['staff', 'ops', 'outcomes', 'errors'],
          async () => (await import('../routes/ops/Dashboard')).DashboardPage,
        ),
      },
      {
        path: 'ops/outcomes',
        lazy: pageOf(
          ['staff', 'ops', 'outcomes', 'errors'],
          async () => (await import('../routes/ops/Outcomes')).OutcomesPage,
        ),
      },
      {
        path: 'ops/planner',
        lazy: pageOf(
          ['staff', 'ops', 'planning', 'errors'],
          async () => (await import('../routes/ops/planner/Planner')).PlannerPage,
        ),
      },
      {
        path: 'ops/staff',
        lazy: pageOf(['staff', 'ops', 'errors'], async () => (await import('../routes/ops/Staff')).StaffPage),
      },
      // The privacy officer's desk: requests, deadlines, the audit trail and its chain.
      {
        path: 'privacy',
        lazy: pageOf(
          ['privacy', 'errors'],
          async () => (await import('../routes/privacy/Desk')).PrivacyDeskPage,
        ),
      },
      // Members' reviews of the service: the public page (open to anyone) and the moderator's queue.
      {
        path: 'employer-hub',
        lazy: pageOf(
          ['employers', 'hub', 'errors'],
          async () => (await import('../routes/employer/EmployerHub')).EmployerHubPage,
        ),
      },
      {
        path: 'ops/employer-plans',
        lazy: pageOf(
          ['employers', 'hub', 'errors'],
          async () => (await import('../routes/employer/EmployerPlans')).EmployerPlansPage,
        ),
      },
      {
        path: 'service-reviews',
        lazy: pageOf(
          ['feedback', 'errors'],
          async () => (await import('../routes/public/ServiceReviews')).ServiceReviewsPage,
        ),
      },
      {
        path: 'moderation',
        lazy: pageOf(
          ['feedback', 'errors'],
          async () => (await import('../routes/moderation/ModerationQueue')).ModerationQueuePage,
        ),
      },
      // The cover assessors' desk: pre-authorisation requests and their decisions.
      {
        path: 'cover',
        lazy: pageOf(
          ['referrals', 'coverage', 'errors'],
          async () => (await import('../routes/cover/PreauthorisationDesk')).PreauthorisationDeskPage,
        ),
      },
      // The treating provider's page: no account, the link's token in the address's fragment.
      {
        path: 'provider-records/:requestId',
        lazy: pageOf(
          ['records', 'errors'],
          async () => (await import('../routes/provider/ProviderRecords')).ProviderRecordsPage,
        ),
      },
      // The treating doctor's page: no account, the link's token in the address's fragment.
      {
        path: 'doctor-letters/:letterId',
        lazy: pageOf(
          ['errors'],
          async () => (await import('../routes/doctor/DoctorLetter')).DoctorLetterPage,
        ),
      },
      // The workspace's first address: bookmarks of it still lead there.
      { path: 'work/*', element: <FormerWorkspaceAddress /> },
      { path: '*', lazy: async () => ({ Component: (await import('../routes/NotFound')).NotFoundPage }) },
    ],
  },
]);
