import { Badge, Card, Col, Flex, Row, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery, type AnyVariables, type TypedDocumentNode, type UseQueryResponse } from 'urql';
import { usePortal } from '../../app/portal-context';
import { hasRole, mayCall } from '../../auth/session';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { RecordList } from '../../components/RecordList';
import { ticketQueueLabel } from '../../components/TicketQueueName';
import { formatDateTime, formatMoney, formatPercent, formatRelative, todayIn } from '../../format/format';
import { AccessRequestsQuery, ApprovalsQuery, DealsQuery, FollowUpsQuery, SlaTicketsQuery } from './my-day-queries';

/** One card of the day: its title (with the count), the query's error or skeleton, then its content. */
function DayCard<Data, Variables extends AnyVariables>(props: {
  title: string;
  count?: number;
  result: UseQueryResponse<Data, Variables>;
  children: (data: Data) => ReactNode;
}): ReactNode {
  const [{ data, error, fetching }, reload] = props.result;
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          <span>{props.title}</span>
          {props.count !== undefined && <Badge count={props.count} showZero color="#1455c0" overflowCount={999} />}
        </Flex>
      }
    >
      {error ? (
        <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />
      ) : fetching && !data ? (
        <PageSkeleton rows={3} />
      ) : data ? (
        props.children(data)
      ) : null}
    </Card>
  );
}

function useDayQuery<Data, Variables extends AnyVariables>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): UseQueryResponse<Data, Variables> {
  return useQuery({ query, variables, requestPolicy: 'cache-and-network' });
}

/** Accounts past their follow-up cadence (A 7 days, B 14, C 30 by default), most overdue first, counted by grade. */
function FollowUpsCard({ ownerIds }: { ownerIds: string[] | null }): ReactNode {
  const { t } = useTranslation();
  const { locale } = usePortal();
  const result = useDayQuery(FollowUpsQuery, { ownerIds });
  return (
    <DayCard title={t('myDay.followUps')} count={result[0].data?.due.totalCount} result={result}>
      {(data) => (
        <>
          <Flex gap={8} wrap style={{ marginBottom: 8 }} aria-label={t('myDay.followUpsByGrade')}>
            <Tag>{t('myDay.gradeCount', { grade: 'A', count: data.gradeA.totalCount })}</Tag>
            <Tag>{t('myDay.gradeCount', { grade: 'B', count: data.gradeB.totalCount })}</Tag>
            <Tag>{t('myDay.gradeCount', { grade: 'C', count: data.gradeC.totalCount })}</Tag>
          </Flex>
          <RecordList
            emptyText={t('myDay.noFollowUps')}
            items={data.due.edges.map(({ node }) => ({
              key: node.id,
              title: <Link to={`/accounts/${node.id}`}>{node.name}</Link>,
              description: t('myDay.followUpLine', {
                grade: node.grade ?? '—',
                due: node.followUpDueAt ? formatRelative(node.followUpDueAt, locale) : '—',
              }),
            }))}
          />
        </>
      )}
    </DayCard>
  );
}

/** Deals idle past their stage's threshold, and the deals expected to close today (in the user's time zone). */
function DealsCards({ ownerIds }: { ownerIds: string[] | null }): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const result = useDayQuery(DealsQuery, { ownerIds, today: todayIn(timeZone) });
  const data = result[0].data;
  return (
    <>
      <Col xs={24} lg={12}>
        <DayCard title={t('myDay.idleDeals')} count={data?.idle.totalCount} result={result}>
          {(d) => (
            <RecordList
              emptyText={t('myDay.noIdleDeals')}
              items={d.idle.edges.map(({ node }) => ({
                key: node.id,
                title: <Link to={`/opportunities/${node.id}`}>{node.name}</Link>,
                description: t('myDay.idleLine', {
                  stage: node.stage.name,
                  days: node.daysInStage,
                  limit: node.stage.idleDays ?? '—',
                  amount: formatMoney(node.amount, locale),
                }),
              }))}
            />
          )}
        </DayCard>
      </Col>
      <Col xs={24} lg={12}>
        <DayCard title={t('myDay.closingToday')} count={data?.closing.totalCount} result={result}>
          {(d) => (
            <RecordList
              emptyText={t('myDay.noClosingToday')}
              items={d.closing.edges.map(({ node }) => ({
                key: node.id,
                title: <Link to={`/opportunities/${node.id}`}>{node.name}</Link>,
                description: t('myDay.closingLine', {
                  stage: node.stage.name,
                  probability: formatPercent(node.probability, locale),
                  amount: formatMoney(node.amount, locale),
                }),
              }))}
            />
          )}
        </DayCard>
      </Col>
    </>
  );
}

/** Open tickets at risk of or past their SLA, the soonest deadline first (an agent's own; a manager's teams'). */
function SlaTicketsCard({ agentId }: { agentId: string | null }): ReactNode {
  const { t } = useTranslation();
  const { locale } = usePortal();
  const result = useDayQuery(SlaTicketsQuery, { agentId });
  return (
    <DayCard title={t('myDay.slaTickets')} count={result[0].data?.tickets.totalCount} result={result}>
      {(data) => (
        <RecordList
          emptyText={t('myDay.noSlaTickets')}
          items={data.tickets.edges.map(({ node }) => ({
            key: node.id,
            title: (
              <Link to={`/tickets/${node.id}`}>
                {node.number} · {node.subject}
              </Link>
            ),
            description: [
              ticketQueueLabel(node, t),
              ...(node.sla?.nextDeadline
                ? [
                    t(node.sla.state === 'BREACHED' ? 'myDay.slaBreached' : 'myDay.slaAtRisk', {
                      when: formatRelative(node.sla.nextDeadline, locale),
                    }),
                  ]
                : []),
            ].join(' · '),
            extra:
              node.sla?.state === 'BREACHED' ? (
                <Tag color="#a8071a">{t('myDay.breached')}</Tag>
              ) : (
                <Tag color="#ad4e00">{t('myDay.atRisk')}</Tag>
              ),
          }))}
        />
      )}
    </DayCard>
  );
}

/** Quotes over the discount limit waiting for this manager's decision. */
function ApprovalsCard(): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const result = useDayQuery(ApprovalsQuery, {});
  return (
    <DayCard title={t('myDay.approvals')} count={result[0].data?.quotesAwaitingMyApproval.totalCount} result={result}>
      {(data) => (
        <RecordList
          emptyText={t('myDay.noApprovals')}
          items={data.quotesAwaitingMyApproval.edges.map(({ node }) => ({
            key: node.id,
            title: <Link to={`/opportunities/${node.opportunity.id}`}>{node.opportunity.name}</Link>,
            description: t('myDay.quoteLine', {
              version: node.version,
              total: formatMoney(node.total, locale),
              discount: formatPercent(node.maxDiscountPercent, locale),
              submitted: node.submittedAt ? formatDateTime(node.submittedAt, locale, timeZone) : '—',
            }),
          }))}
        />
      )}
    </DayCard>
  );
}

/** Requests for access to the accounts of the manager's teams, oldest first. */
function AccessRequestsCard(): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const result = useDayQuery(AccessRequestsQuery, {});
  return (
    <DayCard title={t('myDay.accessRequests')} count={result[0].data?.accessRequests.totalCount} result={result}>
      {(data) => (
        <RecordList
          emptyText={t('myDay.noAccessRequests')}
          items={data.accessRequests.edges.map(({ node }) => ({
            key: node.id,
            title: <Link to={`/accounts/${node.accountId}`}>{node.account?.name ?? node.accountId}</Link>,
            description: t('myDay.accessRequestLine', {
              access: node.access,
              reason: node.reason,
              requested: formatDateTime(node.requestedAt, locale, timeZone),
            }),
          }))}
        />
      )}
    </DayCard>
  );
}

/** The first page after sign-in: what needs the user today, by role. */
export function MyDayPage(): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const sales = hasRole(user, 'sales-rep', 'sales-manager', 'crm-admin');
  const service = hasRole(user, 'service-agent', 'service-manager', 'crm-admin');
  // A rep's day is their own accounts and deals; a manager's and an administrator's, all they may see.
  const ownerIds = hasRole(user, 'sales-manager', 'crm-admin') ? null : [user.id];
  const agentId = hasRole(user, 'service-manager', 'crm-admin') ? null : user.id;
  const approves = mayCall(user, 'Mutation.approveQuote');
  const decidesAccess = mayCall(user, 'Mutation.decideAccessRequest');
  const nothing = !sales && !service && !approves && !decidesAccess;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 26 }}>
        {t('myDay.title', { name: user.displayName })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {sales && (
          <Col xs={24} lg={12}>
            <FollowUpsCard ownerIds={ownerIds} />
          </Col>
        )}
        {service && (
          <Col xs={24} lg={12}>
            <SlaTicketsCard agentId={agentId} />
          </Col>
        )}
        {sales && <DealsCards ownerIds={ownerIds} />}
        {approves && (
          <Col xs={24} lg={12}>
            <ApprovalsCard />
          </Col>
        )}
        {decidesAccess && (
          <Col xs={24} lg={12}>
            <AccessRequestsCard />
          </Col>
        )}
        {nothing && (
          <Col xs={24}>
            <Card>
              <Typography.Paragraph style={{ margin: 0 }}>{t('myDay.nothingForRole')}</Typography.Paragraph>
            </Card>
          </Col>
        )}
      </Row>
    </>
  );
}
