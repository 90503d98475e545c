import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { PageSkeleton } from '../components/PageSkeleton';
import { NotFoundPage } from '../pages/status/NotFoundPage';
import { AppLayout } from './AppLayout';

// Each page is its own chunk: the first screen loads only the shell and the page it shows.
const Account360Page = lazy(() =>
  import('../pages/account-360/Account360Page').then((m) => ({ default: m.Account360Page })),
);
const AccountsPage = lazy(() => import('../pages/accounts/AccountsPage').then((m) => ({ default: m.AccountsPage })));
const MyDayPage = lazy(() => import('../pages/my-day/MyDayPage').then((m) => ({ default: m.MyDayPage })));

function page(element: ReactNode): ReactNode {
  return <Suspense fallback={<PageSkeleton />}>{element}</Suspense>;
}

export const ROUTES: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: page(<MyDayPage />) },
      { path: 'accounts', element: page(<AccountsPage />) },
      { path: 'accounts/:id', element: page(<Account360Page />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createPortalRouter(): ReturnType<typeof createBrowserRouter> {
  return createBrowserRouter(ROUTES);
}
