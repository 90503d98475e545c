import { App, Button, Flex, Form, Modal, Select, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { QueryError } from '../../components/QueryError';
import { ticketQueueLabel, type TicketQueueRef } from '../../components/TicketQueueName';
import { graphql } from '../../graphql/gen';
import { TicketsAssignMutation } from './ticket-queue-query';
import { useErrorToast } from '../../components/use-error-toast';

const TeamAgentsQuery = graphql(`
  query TicketsTeamAgents($teamId: String!) {
    users(role: "service-agent", teamId: $teamId, first: 100) {
      edges {
        node {
          id
          displayName
          active
        }
      }
    }
  }
`);

export interface AssignableTicket extends TicketQueueRef {
  id: string;
  number: string;
  agentId: string | null;
}

/** A manager (or crm-admin) gives the ticket to an agent of its team, takes it, or returns it to the queue. */
export function AssignTicketModal({ ticket, onClose }: { ticket: AssignableTicket; onClose(): void }): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const [{ fetching }, assign] = useMutation(TicketsAssignMutation);
  const [{ data, error }] = useQuery({ query: TeamAgentsQuery, variables: { teamId: ticket.teamId } });
  const [agentId, setAgentId] = useState<string | undefined>(undefined);
  const agents = (data?.users.edges ?? []).map((e) => e.node).filter((u) => u.active && u.id !== ticket.agentId);

  const assignTo = async (agentId: string | null): Promise<void> => {
    const result = await assign({ id: ticket.id, agentId });
    if (result.error) {
      showError(result.error);
      return;
    }
    void message.success(t('tickets.assigned', { number: ticket.number }));
    onClose();
  };

  return (
    <Modal open title={t('tickets.assignTitle', { number: ticket.number })} onCancel={onClose} footer={null}>
      <Form layout="vertical" onFinish={() => agentId && void assignTo(agentId)}>
        <Form.Item
          label={t('tickets.assignAgent', { team: ticketQueueLabel(ticket, t) })}
          htmlFor="assign-agent"
          extra={t('tickets.assignAgentHelp')}
        >
          <Select
            id="assign-agent"
            value={agentId}
            onChange={setAgentId}
            showSearch={{ optionFilterProp: 'label' }}
            options={agents.map((u) => ({ value: u.id, label: u.displayName }))}
          />
        </Form.Item>
        {error && <QueryError error={error} />}
        <Form.Item>
          <Button type="primary" htmlType="submit" disabled={!agentId} loading={fetching}>
            {t('tickets.assign')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary">{t('tickets.assignOr')}</Typography.Paragraph>
      <Flex gap="small" wrap>
        {ticket.agentId !== user.id && (
          <Button loading={fetching} onClick={() => void assignTo(user.id)}>
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
