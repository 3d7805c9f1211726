import '@mantine/core/styles.css';
import './app/styles.css';
import { DirectionProvider, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { startEarlyReads } from './app/earlyReads';
import { router } from './app/router';
import { createQueryClient } from './app/session';
import { cssVariablesResolver, theme } from './app/theme';
import { setupI18n } from './i18n';
import { directionOf, isLocale } from './i18n/locales';

// Where an ended session sends the user; until the router has loaded, the way is kept for it.
let pendingNavigation: string | undefined;
let navigate: (to: string) => void = (to) => {
  pendingNavigation = to;
};
const queryClient = createQueryClient(() => navigate);
// The first page's reads (started by the page's HTML, public/early-reads.js) go into the query
// cache, and the page's code starts loading; the first page renders once the language's
// catalogue is there, in the right language at once. The router and the layout every page has
// are part of this entry, so that the page's HTML preloads them with it.
startEarlyReads(queryClient, window.location.pathname);
const i18n = await setupI18n();
navigate = (to) => void router.navigate(to, { replace: true });
if (pendingNavigation) navigate(pendingNavigation);
const direction = isLocale(i18n.language) ? directionOf(i18n.language) : 'ltr';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DirectionProvider initialDirection={direction} detectDirection={false}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </DirectionProvider>
  </StrictMode>,
);

// The app shell is kept for offline opening, in production builds only (never API answers: see
// public/sw.js). A development server keeps no worker, so hot reload is never served stale.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => {
    // Without a worker the app works the same, online.
  });
}
