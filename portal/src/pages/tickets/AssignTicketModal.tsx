import { App, Button, Flex, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { usePortal } from '../../app/portal-context';
import { describeError } from '../../graphql/errors';
import { TicketsAssignMutation } from './ticket-queue-query';

export interface AssignableTicket {
  id: string;
  number: string;
  teamId: string;
  agentId: string | null;
}

/** A manager (or crm-admin) gives the ticket to an agent of its team, takes it, or returns it to the queue. */
export function AssignTicketModal({ ticket, onClose }: { ticket: AssignableTicket; onClose(): void }): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const { message } = App.useApp();
  const [{ fetching }, assign] = useMutation(TicketsAssignMutation);

  const assignTo = async (agentId: string | null): Promise<void> => {
    const result = await assign({ id: ticket.id, agentId });
    if (result.error) {
      void message.error(describeError(result.error, t));
      return;
    }
    void message.success(t('tickets.assigned', { number: ticket.number }));
    onClose();
  };

  return (
    <Modal open title={t('tickets.assignTitle', { number: ticket.number })} onCancel={onClose} footer={null}>
      <Typography.Paragraph type="secondary">{t('tickets.assignAgentHelp')}</Typography.Paragraph>
      <Flex gap="small" wrap>
        {ticket.agentId !== user.id && (
          <Button type="primary" loading={fetching} onClick={() => void assignTo(user.id)}>
            {t('tickets.assignToMe')}
          </Button>
        )}
        {ticket.agentId && (
          <Button loading={fetching} onClick={() => void assignTo(null)}>
            {t('tickets.returnToQueue')}
          </Button>
        )}
      </Flex>
    </Modal>
  );
}
