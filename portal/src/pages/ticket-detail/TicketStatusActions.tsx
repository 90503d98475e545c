import { App, Button, Flex, Form, Input, Modal, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { hasRole, mayCall } from '../../auth/session';
import type { TicketStatus } from '../../graphql/gen/graphql';
import { AssignTicketModal, type AssignableTicket } from '../tickets/AssignTicketModal';
import { TicketsClaimMutation } from '../tickets/ticket-queue-query';
import {
  TicketDetailChangeStatusMutation,
  TicketDetailReopenMutation,
  TicketDetailRootCausesQuery,
} from './ticket-detail-query';
import { allowedMoves, canReopen } from './ticket-moves';
import { useErrorToast } from '../../components/use-error-toast';

export interface ActionableTicket extends AssignableTicket {
  status: TicketStatus;
  reopenableUntil: string | null;
}

interface ResolutionForm {
  summary: string;
  rootCauseCategory: string;
}

/** Resolution needs a summary and one of the configured root causes; the survey goes out on success. */
function ResolveModal({ ticket, onClose }: { ticket: ActionableTicket; onClose(): void }): ReactNode {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const [{ data }] = useQuery({ query: TicketDetailRootCausesQuery });
  const [{ fetching }, change] = useMutation(TicketDetailChangeStatusMutation);
  const submit = async (resolution: ResolutionForm): Promise<void> => {
    const result = await change({ id: ticket.id, status: 'RESOLVED', resolution });
    if (result.error) return showError(result.error);
    void message.success(t('ticketDetail.moves.done', { number: ticket.number, status: t('tickets.status.RESOLVED') }));
    onClose();
  };
  return (
    <Modal open title={t('ticketDetail.resolve.title', { number: ticket.number })} onCancel={onClose} footer={null}>
      <Form<ResolutionForm> layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="summary"
          label={t('ticketDetail.resolve.summary')}
          extra={t('ticketDetail.resolve.summaryHelp')}
          rules={[{ required: true, whitespace: true, message: t('ticketDetail.resolve.summaryRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item
          name="rootCauseCategory"
          label={t('ticketDetail.resolve.rootCause')}
          rules={[{ required: true, message: t('ticketDetail.resolve.rootCauseRequired') }]}
        >
          <Select options={(data?.ticketRootCauseCategories ?? []).map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>
          {t('ticketDetail.resolve.submit')}
        </Button>
      </Form>
    </Modal>
  );
}

function ReopenModal({ ticket, onClose }: { ticket: ActionableTicket; onClose(): void }): ReactNode {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const [{ fetching }, reopen] = useMutation(TicketDetailReopenMutation);
  const submit = async ({ reason }: { reason: string }): Promise<void> => {
    const result = await reopen({ id: ticket.id, reason });
    if (result.error) return showError(result.error);
    void message.success(t('ticketDetail.reopen.done', { number: ticket.number }));
    onClose();
  };
  return (
    <Modal open title={t('ticketDetail.reopen.title', { number: ticket.number })} onCancel={onClose} footer={null}>
      <Form<{ reason: string }> layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="reason"
          label={t('ticketDetail.reopen.reason')}
          rules={[{ required: true, whitespace: true, message: t('ticketDetail.reopen.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fetching}>
          {t('ticketDetail.reopen.submit')}
        </Button>
      </Form>
    </Modal>
  );
}

/** The moves the lifecycle allows from the ticket's status, claim/assign, and reopen within its window. */
export function TicketStatusActions({ ticket }: { ticket: ActionableTicket }): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const [dialog, setDialog] = useState<'resolve' | 'reopen' | 'assign' | null>(null);
  const [{ fetching }, change] = useMutation(TicketDetailChangeStatusMutation);
  const [{ fetching: claiming }, claim] = useMutation(TicketsClaimMutation);
  if (!mayCall(user, 'Mutation.changeTicketStatus')) return null;

  const move = async (status: TicketStatus): Promise<void> => {
    const result = await change({ id: ticket.id, status });
    if (result.error) return showError(result.error);
    void message.success(
      t('ticketDetail.moves.done', { number: ticket.number, status: t(`tickets.status.${status}`) }),
    );
  };
  const claimIt = async (): Promise<void> => {
    const result = await claim({ id: ticket.id });
    if (result.error) return showError(result.error);
    void message.success(t('tickets.claimed', { number: ticket.number }));
  };

  return (
    <Flex gap="small" wrap role="group" aria-label={t('ticketDetail.moves.label')}>
      {!ticket.agentId && ticket.status === 'NEW' && mayCall(user, 'Mutation.claimTicket') && (
        <Button type="primary" loading={claiming} onClick={() => void claimIt()}>
          {t('tickets.claim')}
        </Button>
      )}
      {allowedMoves(ticket.status).map((status) => (
        <Button
          key={status}
          type={status === 'RESOLVED' ? 'primary' : 'default'}
          disabled={fetching}
          onClick={() => (status === 'RESOLVED' ? setDialog('resolve') : void move(status))}
        >
          {t(`ticketDetail.moves.${status as 'IN_PROGRESS' | 'WAITING_ON_CUSTOMER' | 'RESOLVED' | 'CLOSED' | 'NEW'}`)}
        </Button>
      ))}
      {canReopen(ticket.status, ticket.reopenableUntil) && mayCall(user, 'Mutation.reopenTicket') && (
        <Button onClick={() => setDialog('reopen')}>{t('ticketDetail.reopen.button')}</Button>
      )}
      {mayCall(user, 'Mutation.assignTicket') &&
        hasRole(user, 'service-manager', 'crm-admin') &&
        ticket.status !== 'RESOLVED' &&
        ticket.status !== 'CLOSED' && <Button onClick={() => setDialog('assign')}>{t('tickets.assign')}</Button>}
      {dialog === 'resolve' && <ResolveModal ticket={ticket} onClose={() => setDialog(null)} />}
      {dialog === 'reopen' && <ReopenModal ticket={ticket} onClose={() => setDialog(null)} />}
      {dialog === 'assign' && <AssignTicketModal ticket={ticket} onClose={() => setDialog(null)} />}
    </Flex>
  );
}
