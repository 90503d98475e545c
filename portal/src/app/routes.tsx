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
const AdminPage = lazy(() => import('../pages/admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const ImportPage = lazy(() => import('../pages/import/ImportPage').then((m) => ({ default: m.ImportPage })));
const MyDayPage = lazy(() => import('../pages/my-day/MyDayPage').then((m) => ({ default: m.MyDayPage })));
const TicketsPage = lazy(() => import('../pages/tickets/TicketsPage').then((m) => ({ default: m.TicketsPage })));
const TicketDetailPage = lazy(() =>
  import('../pages/ticket-detail/TicketDetailPage').then((m) => ({ default: m.TicketDetailPage })),
);
const AuditPage = lazy(() => import('../pages/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
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
      { path: 'accounts', element: page(<AccountsPage />) },
      { path: 'accounts/:id', element: page(<Account360Page />) },
      { path: 'admin', element: page(<AdminPage />) },
      { path: 'import', element: page(<ImportPage />) },
      { path: 'tickets', element: page(<TicketsPage />) },
      { path: 'tickets/:id', element: page(<TicketDetailPage />) },
      { path: 'audit', element: page(<AuditPage />) },
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
