import { Card, Col, Descriptions, Flex, Result, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { TicketQueueName } from '../../components/TicketQueueName';
import { formatDateTime } from '../../format/format';
import type { TicketDetailQuery as TicketDetailData } from '../../graphql/gen/graphql';
import { ComplaintTag, TicketPriorityTag, TicketStatusTag } from '../tickets/TicketTags';
import { TicketAttachmentsCard } from './TicketAttachmentsCard';
import { TicketConversation } from './TicketConversation';
import { TicketDetailQuery } from './ticket-detail-query';
import { TicketHistoryCard } from './TicketHistoryCard';
import { TicketSlaClocks } from './TicketSlaClocks';
import { TicketStatusActions } from './TicketStatusActions';
import { TicketSurveyCard } from './TicketSurveyCard';
import { ticketPersonName } from './ticket-person';

type Ticket = NonNullable<TicketDetailData['ticket']>;

function TicketFacts({ ticket }: { ticket: Ticket }): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone, user } = usePortal();
  const when = (iso: string | null): string => (iso ? formatDateTime(iso, locale, timeZone) : t('common.none'));
  const items = [
    {
      key: 'account',
      label: t('ticketDetail.account'),
      children: ticket.account ? (
        <Link to={`/accounts/${ticket.account.id}`}>{ticket.account.name}</Link>
      ) : (
        <Typography.Text type="secondary">
          {t('common.hiddenReason', { reason: t('tickets.accountHiddenReason') })}
        </Typography.Text>
      ),
    },
    {
      key: 'queue',
      label: t('ticketDetail.queue'),
      children: <TicketQueueName teamId={ticket.teamId} queue={ticket.queue} />,
    },
    {
      key: 'agent',
      label: t('ticketDetail.agent'),
      children: ticket.agentId ? ticketPersonName(ticket.agent, user.id, t) : t('tickets.unassigned'),
    },
    { key: 'priority', label: t('ticketDetail.priority'), children: <TicketPriorityTag priority={ticket.priority} /> },
    { key: 'channel', label: t('ticketDetail.channel'), children: t(`tickets.channel.${ticket.channel}`) },
    { key: 'category', label: t('ticketDetail.category'), children: ticket.category },
    ...(ticket.requesterEmail
      ? [{ key: 'requester', label: t('ticketDetail.requester'), children: ticket.requesterEmail }]
      : []),
    { key: 'created', label: t('ticketDetail.created'), children: when(ticket.createdAt) },
    ...(ticket.resolvedAt
      ? [
          { key: 'resolvedAt', label: t('ticketDetail.resolvedAt'), children: when(ticket.resolvedAt) },
          { key: 'reopenable', label: t('ticketDetail.reopenableUntil'), children: when(ticket.reopenableUntil) },
          { key: 'resolution', label: t('ticketDetail.resolution'), children: ticket.resolutionSummary },
          { key: 'rootCause', label: t('ticketDetail.rootCause'), children: ticket.rootCauseCategory },
        ]
      : []),
  ];
  return (
    <Card title={t('ticketDetail.details')}>
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={items} />
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('ticketDetail.description')}
      </Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
        {ticket.description || t('ticketDetail.noDescription')}
      </Typography.Paragraph>
    </Card>
  );
}

/** One ticket: its header and moves, the conversation, SLA clocks, survey, files and history. */
export function TicketDetailPage(): ReactNode {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [{ data, error, fetching }, reload] = useQuery({ query: TicketDetailQuery, variables: { id } });
  if (error) return <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <PageSkeleton />;
  const ticket = data?.ticket;
  if (!ticket)
    return (
      <Result
        status="404"
        title={t('common.notFoundTitle')}
        subTitle={t('ticketDetail.notFound')}
        extra={<Link to="/tickets">{t('ticketDetail.backToQueue')}</Link>}
      />
    );
  return (
    <>
      <Link to="/tickets">{t('ticketDetail.backToQueue')}</Link>
      <Flex justify="space-between" align="start" wrap gap="small" style={{ margin: '8px 0 16px' }}>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {ticket.number} · {ticket.subject}
          </Typography.Title>
          <Flex gap={4} wrap style={{ marginTop: 8 }}>
            <TicketStatusTag status={ticket.status} />
            {ticket.complaint && <ComplaintTag />}
          </Flex>
        </div>
        <TicketStatusActions ticket={ticket} />
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Flex vertical gap={16}>
            <TicketFacts ticket={ticket} />
            <TicketConversation ticketId={ticket.id} editable={ticket.status !== 'CLOSED'} />
          </Flex>
        </Col>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            <TicketSlaClocks sla={ticket.sla} />
            <TicketSurveyCard survey={ticket.survey} />
            <TicketAttachmentsCard
              ticketId={ticket.id}
              attachments={ticket.attachments}
              editable={ticket.status !== 'CLOSED'}
              onChange={() => reload({ requestPolicy: 'network-only' })}
            />
            <TicketHistoryCard events={ticket.history.edges.map((e) => e.node)} />
          </Flex>
        </Col>
      </Row>
    </>
  );
}
