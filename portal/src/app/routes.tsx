import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { PageSkeleton } from '../components/PageSkeleton';
import { NotFoundPage } from '../pages/status/NotFoundPage';
import { AppLayout } from './AppLayout';

// Each page is its own chunk: the first screen loads only the shell and the page it shows.
const MyDayPage = lazy(() => import('../pages/my-day/MyDayPage').then((m) => ({ default: m.MyDayPage })));
const PipelinePage = lazy(() => import('../pages/pipeline/PipelinePage').then((m) => ({ default: m.PipelinePage })));
const LeadsPage = lazy(() => import('../pages/leads/LeadsPage').then((m) => ({ default: m.LeadsPage })));
const OpportunityPage = lazy(() =>
  import('../pages/opportunity/OpportunityPage').then((m) => ({ default: m.OpportunityPage })),
);
const ForecastPage = lazy(() => import('../pages/forecast/ForecastPage').then((m) => ({ default: m.ForecastPage })));

function page(element: ReactNode): ReactNode {
  return <Suspense fallback={<PageSkeleton />}>{element}</Suspense>;
}

export const ROUTES: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: page(<MyDayPage />) },
      { path: 'pipeline', element: page(<PipelinePage />) },
      { path: 'leads', element: page(<LeadsPage />) },
      { path: 'opportunities/:id', element: page(<OpportunityPage />) },
      { path: 'forecast', element: page(<ForecastPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createPortalRouter(): ReturnType<typeof createBrowserRouter> {
  return createBrowserRouter(ROUTES);
}
