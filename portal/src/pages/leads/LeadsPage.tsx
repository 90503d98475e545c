import { Button, Dropdown, Flex, Select, Table, Tag, Typography, App } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { usePortal } from '../../app/portal-context';
import { mayCall } from '../../auth/session';
import { QueryError } from '../../components/QueryError';
import { useCursorPages } from '../../components/use-cursor-pages';
import { formatDateTime } from '../../format/format';
import type { LeadStatus } from '../../graphql/gen/graphql';
import { LeadConvertModal, type LeadRow } from './LeadConvertModal';
import { LeadAssignModal, LeadCaptureModal, LeadDisqualifyModal } from './LeadDialogs';
import { LeadListQuery, QualifyLeadMutation } from './leads-queries';
import { useErrorToast } from '../../components/use-error-toast';

const STATUSES: LeadStatus[] = ['NEW', 'WORKING', 'QUALIFIED', 'CONVERTED', 'DISQUALIFIED'];
const STATUS_COLOURS: Record<LeadStatus, string> = {
  NEW: 'blue',
  WORKING: 'cyan',
  QUALIFIED: 'green',
  CONVERTED: 'purple',
  DISQUALIFIED: 'default',
};

type Dialog = { kind: 'capture' } | { kind: 'convert' | 'disqualify' | 'assign'; lead: LeadRow } | null;

/** The leads the caller may see: capture, qualify or disqualify, assign (managers), and convert with the duplicate choice. */
export function LeadsPage(): ReactNode {
  const { t } = useTranslation();
  const { user, locale, timeZone } = usePortal();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const navigate = useNavigate();
  const manages = mayCall(user, 'Mutation.assignLead');
  const converts = mayCall(user, 'Mutation.convertLead');
  const [status, setStatus] = useState<LeadStatus | undefined>();
  const variables = useMemo(() => ({ filter: { status } }), [status]);
  const state = useCursorPages(LeadListQuery, variables, (data) => data.leads);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [, qualify] = useMutation(QualifyLeadMutation);

  function refresh(): void {
    setDialog(null);
    state.refresh();
  }

  async function markQualified(lead: LeadRow): Promise<void> {
    const result = await qualify({ id: lead.id });
    if (result.error) showError(result.error);
    else {
      void message.success(t('leads.qualified'));
      refresh();
    }
  }

  const leadName = (lead: LeadRow): string => lead.companyName ?? lead.personName ?? t('common.none');

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('leads.title')}
        </Typography.Title>
        {mayCall(user, 'Mutation.createLead') && (
          <Button type="primary" onClick={() => setDialog({ kind: 'capture' })}>
            {t('leads.capture')}
          </Button>
        )}
      </Flex>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('leads.filterStatus')}
          placeholder={t('leads.allStatuses')}
          allowClear
          style={{ minWidth: 180 }}
          value={status}
          onChange={(v: LeadStatus | undefined) => setStatus(v)}
          options={STATUSES.map((s) => ({ value: s, label: t(`leads.status.${s}`) }))}
        />
        <Typography.Text type="secondary">
          {state.loading && !state.rows.length
            ? t('common.loading')
            : state.estimate
              ? t('common.totalEstimate', { count: state.totalCount })
              : t('common.total', { count: state.totalCount })}
        </Typography.Text>
      </Flex>
      {state.error && <QueryError error={state.error} retry={refresh} />}
      <Table<LeadRow>
        rowKey="id"
        size="middle"
        loading={state.loading && state.rows.length === 0}
        dataSource={state.rows}
        pagination={false}
        scroll={{ x: 860 }}
        locale={{ emptyText: t('leads.empty') }}
        columns={[
          {
            title: t('leads.col.lead'),
            key: 'lead',
            render: (_, lead) => (
              <>
                <Typography.Text strong>{leadName(lead)}</Typography.Text>
                {lead.companyName && lead.personName && (
                  <div>
                    <Typography.Text type="secondary">
                      {lead.title ? `${lead.personName} · ${lead.title}` : lead.personName}
                    </Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          {
            title: t('leads.col.contact'),
            key: 'contact',
            render: (_, lead) => [lead.email, lead.phone].filter(Boolean).join(' · ') || t('common.none'),
          },
          {
            title: t('leads.col.status'),
            key: 'status',
            render: (_, lead) => <Tag color={STATUS_COLOURS[lead.status]}>{t(`leads.status.${lead.status}`)}</Tag>,
          },
          { title: t('leads.col.source'), key: 'source', render: (_, lead) => t(`leads.source.${lead.source}`) },
          {
            title: t('leads.col.owner'),
            key: 'owner',
            render: (_, lead) =>
              lead.owner ? lead.owner.displayName : <Tag color="orange">{t('leads.unassigned')}</Tag>,
          },
          {
            title: t('leads.col.created'),
            key: 'created',
            render: (_, lead) => formatDateTime(lead.createdAt, locale, timeZone),
          },
          {
            title: t('leads.col.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, lead) => {
              if (lead.status === 'CONVERTED')
                return lead.convertedOpportunityId ? (
                  <Link to={`/opportunities/${lead.convertedOpportunityId}`}>{t('leads.openDeal')}</Link>
                ) : lead.convertedAccountId ? (
                  <Link to={`/accounts/${lead.convertedAccountId}`}>{t('leads.openAccount')}</Link>
                ) : null;
              if (lead.status === 'DISQUALIFIED') return null;
              const items = [
                lead.status !== 'QUALIFIED' && mayCall(user, 'Mutation.qualifyLead')
                  ? { key: 'qualify', label: t('leads.qualify') }
                  : null,
                mayCall(user, 'Mutation.disqualifyLead') ? { key: 'disqualify', label: t('leads.disqualify') } : null,
                manages ? { key: 'assign', label: t('leads.assign') } : null,
              ].filter((item) => item !== null);
              return (
                <Flex gap={4}>
                  {lead.status === 'QUALIFIED' && converts && (
                    <Button size="small" type="primary" onClick={() => setDialog({ kind: 'convert', lead })}>
                      {t('leads.convert')}
                    </Button>
                  )}
                  {items.length > 0 && (
                    <Dropdown
                      trigger={['click']}
                      menu={{
                        items,
                        onClick: ({ key }) => {
                          if (key === 'qualify') void markQualified(lead);
                          else setDialog({ kind: key as 'disqualify' | 'assign', lead });
                        },
                      }}
                    >
                      <Button size="small" aria-label={t('leads.moreActions', { name: leadName(lead) })}>
                        {t('leads.actions')}
                      </Button>
                    </Dropdown>
                  )}
                </Flex>
              );
            },
          },
        ]}
      />
      {state.hasNextPage && (
        <Button style={{ marginTop: 12 }} loading={state.loading} onClick={state.loadMore}>
          {t('common.loadMore')}
        </Button>
      )}
      {dialog?.kind === 'capture' && (
        <LeadCaptureModal
          onClose={() => setDialog(null)}
          onSaved={() => {
            void message.success(t('leads.captured'));
            refresh();
          }}
        />
      )}
      {dialog?.kind === 'disqualify' && (
        <LeadDisqualifyModal leadId={dialog.lead.id} onClose={() => setDialog(null)} onSaved={refresh} />
      )}
      {dialog?.kind === 'assign' && (
        <LeadAssignModal leadId={dialog.lead.id} onClose={() => setDialog(null)} onSaved={refresh} />
      )}
      {dialog?.kind === 'convert' && (
        <LeadConvertModal
          lead={dialog.lead}
          onClose={() => setDialog(null)}
          onConverted={(opportunityId) => {
            void message.success(t('leads.converted'));
            if (opportunityId) void navigate(`/opportunities/${opportunityId}`);
            else refresh();
          }}
        />
      )}
    </>
  );
}
