import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { hasRole } from '../../auth/session';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { RecordList } from '../../components/RecordList';
import { formatDateTime, formatMoney, formatPercent } from '../../format/format';
import { graphql } from '../../graphql/gen';

const ApprovalsQuery = graphql(`
  query MyDayApprovals {
    quotesAwaitingMyApproval(first: 20) {
      totalCount
      edges {
        node {
          id
          version
          total {
            amount
            currencyCode
          }
          maxDiscountPercent
          submittedAt
          opportunity {
            id
            name
          }
        }
      }
    }
  }
`);

const AccessRequestsQuery = graphql(`
  query MyDayAccessRequests {
    accessRequests(first: 20) {
      totalCount
      edges {
        node {
          id
          accountId
          access
          reason
          requestedAt
          account {
            id
            name
          }
        }
      }
    }
  }
`);

/** The approvals a sales manager (or crm-admin) decides: quotes over the discount limit. */
function ApprovalsCard(): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const [{ data, error, fetching }, reload] = useQuery({ query: ApprovalsQuery });
  return (
    <Card title={t('myDay.approvals')}>
      {error ? (
        <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />
      ) : fetching && !data ? (
        <PageSkeleton rows={3} />
      ) : (
        <RecordList
          emptyText={t('myDay.noApprovals')}
          items={(data?.quotesAwaitingMyApproval.edges ?? []).map(({ node }) => ({
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
    </Card>
  );
}

/** Requests for access to accounts of the manager's teams, oldest first. */
function AccessRequestsCard(): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const [{ data, error, fetching }, reload] = useQuery({ query: AccessRequestsQuery });
  return (
    <Card title={t('myDay.accessRequests')}>
      {error ? (
        <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />
      ) : fetching && !data ? (
        <PageSkeleton rows={3} />
      ) : (
        <RecordList
          emptyText={t('myDay.noAccessRequests')}
          items={(data?.accessRequests.edges ?? []).map(({ node }) => ({
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
    </Card>
  );
}

/** The first page after sign-in: what needs the user today, by role. */
export function MyDayPage(): ReactNode {
  const { t } = useTranslation();
  const { user } = usePortal();
  const decides = hasRole(user, 'sales-manager', 'service-manager', 'crm-admin');
  return (
    <>
      <Typography.Title level={2}>{t('myDay.title', { name: user.displayName })}</Typography.Title>
      <Row gutter={[16, 16]}>
        {hasRole(user, 'sales-manager', 'crm-admin') && (
          <Col xs={24} lg={12}>
            <ApprovalsCard />
          </Col>
        )}
        {decides && (
          <Col xs={24} lg={12}>
            <AccessRequestsCard />
          </Col>
        )}
      </Row>
    </>
  );
}
