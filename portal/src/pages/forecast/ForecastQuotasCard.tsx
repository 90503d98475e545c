import { App, Button, Card, Form, Input, Modal, Select, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { useCursorPages } from '../../components/use-cursor-pages';
import { formatDateTime } from '../../format/format';
import { useErrorToast } from '../../components/use-error-toast';
import { describeError, describeErrorReason } from '../../graphql/errors';
import type { ForecastPeriodInput, ForecastQuotasQuery as QuotasData } from '../../graphql/gen/graphql';
import { ForecastQuotasQuery, ForecastTeamRepsQuery, SetQuotaMutation } from './forecast-queries';
import { ForecastPagedTable } from './ForecastPagedTable';
import { MoneyCell } from './ForecastTable';

type QuotaRow = QuotasData['quotas']['edges'][number]['node'];

/** A manager sets a rep's quota in their team for the period shown (company currency, a decimal string). */
function SetQuotaModal({
  teamId,
  period,
  periodLabel,
  currency,
  onClose,
  onSaved,
}: {
  teamId: string;
  period: ForecastPeriodInput;
  periodLabel: string;
  currency: string;
  onClose(): void;
  onSaved(): void;
}): ReactNode {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const [form] = Form.useForm<{ ownerId: string; amount: string }>();
  const [{ data, fetching: loadingReps, error }] = useQuery({ query: ForecastTeamRepsQuery, variables: { teamId } });
  const [{ fetching }, setQuota] = useMutation(SetQuotaMutation);
  const reps = (data?.users.edges ?? []).map((e) => e.node).filter((u) => u.active);
  return (
    <Modal
      open
      title={t('forecast.quotas.setTitle', { team: teamId, period: periodLabel })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        name="set-quota"
        onFinish={async (values) => {
          const result = await setQuota({ ownerId: values.ownerId, teamId, period, amount: values.amount.trim() });
          if (result.error) {
            form.setFields([{ name: 'amount', errors: [describeErrorReason(result.error, t)] }]);
            showError(result.error);
          } else {
            void message.success(t('forecast.quotas.saved'));
            onSaved();
          }
        }}
      >
        <Form.Item
          name="ownerId"
          label={t('forecast.quotas.rep')}
          rules={[{ required: true, message: t('forecast.quotas.required') }]}
          extra={error ? describeError(error, t) : undefined}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={loadingReps}
            options={reps.map((u) => ({ value: u.id, label: u.displayName }))}
            notFoundContent={t('forecast.quotas.noReps')}
          />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('forecast.quotas.amount', { currency })}
          rules={[
            { required: true, message: t('forecast.quotas.required') },
            { pattern: /^\d+(\.\d+)?$/, message: t('forecast.amountRule') },
          ]}
        >
          <Input inputMode="decimal" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The quotas of the scope shown for the period, and setting one (managers of the team, crm-admin). */
export function ForecastQuotasCard({
  period,
  periodLabel,
  teamId,
  ownerId,
  currency,
  canSet,
  onChanged,
}: {
  period: ForecastPeriodInput;
  periodLabel: string;
  teamId: string | undefined;
  ownerId: string | undefined;
  currency: string;
  canSet: boolean;
  onChanged(): void;
}): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const [setting, setSetting] = useState(false);
  const variables = useMemo(
    () => ({ period, teamId, ownerId }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the period object is rebuilt each render; its values decide
    [period.kind, period.start, teamId, ownerId],
  );
  const list = useCursorPages(ForecastQuotasQuery, variables, (data) => data.quotas);
  return (
    <Card
      style={{ marginTop: 16 }}
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('forecast.quotas.title', { total: list.totalCount })}</h2>}
      extra={canSet && teamId && <Button onClick={() => setSetting(true)}>{t('forecast.quotas.set')}</Button>}
    >
      <ForecastPagedTable<QuotaRow>
        list={list}
        emptyText={canSet && teamId ? t('forecast.quotas.emptyManager') : t('forecast.quotas.empty')}
        columns={[
          { title: t('forecast.quotas.rep'), key: 'rep', render: (_, q) => q.owner.displayName },
          { title: t('forecast.quotas.team'), key: 'team', render: (_, q) => q.teamId },
          {
            title: t('forecast.quotas.amountCol'),
            key: 'amount',
            align: 'right',
            render: (_, q) => <MoneyCell money={q.amount} />,
          },
          {
            title: t('forecast.quotas.setBy'),
            key: 'setBy',
            render: (_, q) =>
              t('forecast.quotas.setByLine', {
                name: q.setByUser?.displayName ?? t('forecast.snapshots.system'),
                at: formatDateTime(q.setAt, locale, timeZone),
              }),
          },
        ]}
      />
      {!canSet && <Typography.Text type="secondary">{t('forecast.quotas.whoSets')}</Typography.Text>}
      {setting && teamId && (
        <SetQuotaModal
          teamId={teamId}
          period={period}
          periodLabel={periodLabel}
          currency={currency}
          onClose={() => setSetting(false)}
          onSaved={() => {
            setSetting(false);
            list.refresh();
            onChanged();
          }}
        />
      )}
    </Card>
  );
}
