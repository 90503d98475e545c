import { Alert, App, Button, Card, Form, Input, Modal, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { usePortal } from '../../app/portal-context';
import { formatDateTime, formatMoney } from '../../format/format';
import type { ForecastLinesFieldsFragment, ForecastPeriodInput } from '../../graphql/gen/graphql';
import { AdjustTeamForecastMutation } from './forecast-queries';
import { useErrorToast } from '../../components/use-error-toast';

/** The manager's call on the team forecast, kept beside the reps' figures; managers set it again here. */
export function ForecastAdjustmentCard({
  forecast,
  teamId,
  period,
  canAdjust,
  onSaved,
}: {
  forecast: ForecastLinesFieldsFragment;
  teamId: string;
  period: ForecastPeriodInput;
  canAdjust: boolean;
  onSaved(): void;
}): ReactNode {
  const { t } = useTranslation();
  const { locale, timeZone } = usePortal();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ commit?: string; bestCase?: string; note?: string }>();
  const [{ fetching: saving }, adjust] = useMutation(AdjustTeamForecastMutation);
  const adjusted = forecast.team?.adjusted;
  return (
    <Card
      style={{ marginTop: 16 }}
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('forecast.adjustment')}</h2>}
      extra={canAdjust && <Button onClick={() => setOpen(true)}>{t('forecast.adjust')}</Button>}
    >
      {adjusted ? (
        <Typography.Paragraph>
          {t('forecast.adjustedLine', {
            commit: formatMoney(adjusted.commit, locale),
            bestCase: formatMoney(adjusted.bestCase, locale),
            at: formatDateTime(adjusted.adjustedAt, locale, timeZone),
            name: adjusted.adjustedByUser?.displayName ?? t('forecast.snapshots.system'),
          })}
          {adjusted.note ? ` · “${adjusted.note}”` : ''}
        </Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary">{t('forecast.notAdjusted')}</Typography.Text>
      )}
      <Modal
        open={open}
        title={t('forecast.adjustTitle', { period: forecast.period.label })}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          name="adjust-forecast"
          onFinish={async (values) => {
            const result = await adjust({
              teamId,
              period,
              commit: values.commit?.trim() || undefined,
              bestCase: values.bestCase?.trim() || undefined,
              note: values.note?.trim() || undefined,
            });
            if (result.error) showError(result.error);
            else {
              void message.success(t('forecast.adjusted'));
              setOpen(false);
              onSaved();
            }
          }}
        >
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('forecast.adjustHint')} />
          {(['commit', 'bestCase'] as const).map((field) => (
            <Form.Item
              key={field}
              name={field}
              label={t(`forecast.col.${field}`) + ` (${forecast.companyCurrency})`}
              rules={[{ pattern: /^\d+(\.\d+)?$/, message: t('forecast.amountRule') }]}
            >
              <Input inputMode="decimal" autoComplete="off" />
            </Form.Item>
          ))}
          <Form.Item name="note" label={t('forecast.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
