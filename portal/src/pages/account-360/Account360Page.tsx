import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Collapse, Flex, Grid, Row, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { hasRole, mayCall } from '../../auth/session';
import { redactedFieldsOf } from './redacted-fields';
import { PageSkeleton } from '../../components/PageSkeleton';
import { QueryError } from '../../components/QueryError';
import { isForbidden } from '../../graphql/errors';
import { NotFoundPage } from '../status/NotFoundPage';
import { Account360Query } from './account-360-queries';
import { AccountNoAccess } from './AccountAccess';
import { AccountContacts } from './AccountContacts';
import { AccountCustomFields, AccountProfile } from './AccountProfile';
import { AccountTimeline } from './AccountTimeline';
import { LogActivityButton } from './LogActivityButton';
import { ShareAccountButton } from './ShareAccountButton';
import { SimilarAccounts } from './SimilarAccounts';

/** Everything about one account: profile, contacts, custom fields, the timeline, and what the caller may do. */
export function Account360Page(): ReactNode {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { user } = usePortal();
  const [{ data, error, fetching, extensions }, reload] = useQuery({ query: Account360Query, variables: { id } });
  const [timelineRefresh, setTimelineRefresh] = useState(0);
  const screens = Grid.useBreakpoint();
  const redacted = useMemo(() => redactedFieldsOf(extensions, id), [extensions, id]);

  if (isForbidden(error)) return <AccountNoAccess accountId={id} />;
  if (error) return <QueryError error={error} retry={() => reload({ requestPolicy: 'network-only' })} />;
  if (fetching && !data) return <PageSkeleton rows={10} />;
  const account = data?.account;
  if (!account) return <NotFoundPage />;

  const sections = [
    {
      key: 'profile',
      label: t('account360.profile'),
      children: <AccountProfile account={account} redacted={redacted} />,
    },
    {
      key: 'contacts',
      label: t('account360.contacts'),
      children: <AccountContacts accountId={account.id} />,
    },
    {
      key: 'custom',
      label: t('account360.customFields'),
      children: <AccountCustomFields values={account.customFields} />,
    },
    { key: 'similar', label: t('account360.similar'), children: <SimilarAccounts account={account} /> },
  ];
  // The service's rule first, then the row: the owner or a manager (a grantee does not share further).
  const mayShare =
    mayCall(user, 'Mutation.shareAccount') &&
    (account.ownerId === user.id || hasRole(user, 'sales-manager', 'crm-admin'));
  return (
    <Flex vertical gap={16}>
      <Link to="/accounts">
        <ArrowLeftOutlined aria-hidden /> {t('account360.back')}
      </Link>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {account.name}
          </Typography.Title>
          {account.grade && <Tag color="blue">{t(`accounts.gradeValue.${account.grade}`)}</Tag>}
          <Tag>{t(`accounts.stageValue.${account.lifecycleStage}`)}</Tag>
        </Flex>
        <Flex gap={8} wrap>
          {mayCall(user, 'Mutation.logActivity') && (
            <LogActivityButton
              accountId={account.id}
              grade={account.grade}
              onLogged={() => {
                setTimelineRefresh((n) => n + 1);
                reload({ requestPolicy: 'network-only' }); // the last activity date moved
              }}
            />
          )}
          {mayShare && <ShareAccountButton accountId={account.id} />}
        </Flex>
      </Flex>
      {account.mergedIntoId && (
        <Alert
          type="info"
          showIcon
          title={t('account360.merged')}
          action={<Link to={`/accounts/${account.mergedIntoId}`}>{t('account360.openMerged')}</Link>}
        />
      )}
      {account.deletedAt && <Alert type="warning" showIcon title={t('account360.deleted')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card>
            {/* Tabs overflow into a menu button inside the tab list on phones (axe: aria-required-children). */}
            {screens.md ? (
              <Tabs items={sections} />
            ) : (
              <Collapse items={sections} defaultActiveKey={['profile']} ghost />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={
              <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
                {t('account360.timeline')}
              </Typography.Title>
            }
          >
            <AccountTimeline key={timelineRefresh} accountId={account.id} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
