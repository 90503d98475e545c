import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { hasRole, mayCall } from '../../auth/session';
import { useCursorPages } from '../../components/CursorPager';
import { PagedListFooter } from '../../components/PagedListFooter';
import { QueryError } from '../../components/QueryError';
import { AssignTicketModal } from './AssignTicketModal';
import { CreateTicketDrawer } from './CreateTicketDrawer';
import { TicketQueueQuery, TicketsClaimMutation } from './ticket-queue-query';
import { initialQueueFilters, TicketQueueFilters, toTicketFilter, type QueueFilterState } from './TicketQueueFilters';
import { TicketQueueTable, type QueueActions, type QueueTicket } from './TicketQueueTable';
import { useTicketQueues } from './use-ticket-queues';
import { useErrorToast } from '../../components/use-error-toast';

const PAGE_SIZE = 25;

/** The service queue: filters, a live SLA countdown per row, claim and assignment, and a new ticket. */
export function TicketsPage(): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const [filters, setFilters] = useState<QueueFilterState>(initialQueueFilters);
  const pages = useCursorPages();
  const [creating, setCreating] = useState(false);
  const [assigning, setAssigning] = useState<QueueTicket | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [, claim] = useMutation(TicketsClaimMutation);
  const queues = useTicketQueues();

  const filter = useMemo(() => toTicketFilter(filters, user.id), [filters, user.id]);
  const [{ data, error, fetching }, reload] = useQuery({
    query: TicketQueueQuery,
    variables: { filter, sort: filters.sort, first: PAGE_SIZE, after: pages.after },
  });
  const connection = data?.tickets;

  const changeFilters = (next: QueueFilterState): void => {
    setFilters(next);
    pages.reset();
  };

  const actions: QueueActions = useMemo(
    () => ({
      canClaim: mayCall(user, 'Mutation.claimTicket'),
      // Assigning others is a manager's part of the rule the service applies inside assignTicket.
      canAssign: mayCall(user, 'Mutation.assignTicket') && hasRole(user, 'service-manager', 'crm-admin'),
      busyId,
      onClaim: (ticket) => {
        setBusyId(ticket.id);
        void claim({ id: ticket.id }).then((result) => {
          setBusyId(null);
          if (result.error) showError(result.error);
          else void message.success(t('tickets.claimed', { number: ticket.number }));
        });
      },
      onAssign: setAssigning,
    }),
    [user, busyId, claim, message, showError, t],
  );

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('tickets.title')}
        </Typography.Title>
        {mayCall(user, 'Mutation.createTicket') && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('tickets.create')}
          </Button>
        )}
      </Flex>
      <TicketQueueFilters value={filters} queues={queues} onChange={changeFilters} />
      {error ? (
        <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />
      ) : (
        <>
          <TicketQueueTable tickets={connection?.edges.map((e) => e.node) ?? []} loading={fetching} actions={actions} />
          <PagedListFooter connection={connection} pages={pages} />
        </>
      )}
      <CreateTicketDrawer open={creating} queues={queues} onClose={() => setCreating(false)} />
      {assigning && <AssignTicketModal ticket={assigning} onClose={() => setAssigning(null)} />}
    </>
  );
}
