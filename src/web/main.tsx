import '@mantine/core/styles.css';
import './app/styles.css';
import { DirectionProvider, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { createQueryClient } from './app/session';
import { cssVariablesResolver, theme } from './app/theme';
import { setupI18n } from './i18n';
import { directionOf, isLocale } from './i18n/locales';

const i18n = await setupI18n();
// The router is loaded after i18n so that the first page renders in the right language at once.
const { router } = await import('./app/router');
const queryClient = createQueryClient(() => (to) => void router.navigate(to, { replace: true }));
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
