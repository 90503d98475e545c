import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import Decimal from 'decimal.js';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { usePortal } from '../../app/portal-context';
import { formatMoney, type MoneyValue } from '../../format/format';
import { describeError } from '../../graphql/errors';
import { SetPaymentPlanMutation } from './opportunity-queries';
import { violationFields } from './violation-fields';

interface InstalmentValues {
  dueOn?: string;
  amount?: string;
}

export interface EditablePlan {
  contractId: string;
  version: number;
  contractValue: MoneyValue;
  instalments: readonly { dueOn: string; amount: MoneyValue }[];
}

const decimal = /^\d+(\.\d+)?$/;

/** What the instalments leave of the contract value (decimal.js; a half-typed amount counts as 0 until it parses). */
export function planRemainder(contractValue: string, amounts: readonly (string | undefined)[]): Decimal {
  return amounts.reduce(
    (left, amount) => (amount && decimal.test(amount.trim()) ? left.minus(amount.trim()) : left),
    new Decimal(contractValue),
  );
}

/**
 * Replaces a contract's instalments (setPaymentPlan under the plan's version): due dates and amounts that should add
 * up to the contract value, the remainder shown as the user types; the API's refusal lands on the instalment it names.
 */
export function PaymentPlanEditor({
  plan,
  onClose,
  onSaved,
}: {
  plan: EditablePlan;
  onClose(): void;
  onSaved(): void;
}): ReactNode {
  const { t } = useTranslation();
  const { locale } = usePortal();
  const [form] = Form.useForm<{ instalments: InstalmentValues[] }>();
  const [{ fetching }, save] = useMutation(SetPaymentPlanMutation);
  const [failure, setFailure] = useState<string | null>(null);
  const watched = Form.useWatch('instalments', form) as InstalmentValues[] | undefined;
  const currency = plan.contractValue.currencyCode;
  const remainder = planRemainder(
    plan.contractValue.amount,
    (watched ?? plan.instalments.map((i) => ({ amount: i.amount.amount }))).map((i) => i?.amount),
  );
  const shown = (d: Decimal): string => formatMoney({ amount: d.abs().toFixed(), currencyCode: currency }, locale);

  /** The plan's rule, at the instalment where the running total passes the contract value (decimal.js). */
  function overContractValue(instalments: readonly { amount: string }[], index: number): string {
    const total = instalments.slice(0, index + 1).reduce((sum, i) => sum.plus(i.amount), new Decimal(0));
    return t('opportunity.plan.withinContractValue', {
      value: formatMoney(plan.contractValue, locale),
      n: index + 1,
      total: shown(total),
      excess: shown(total.minus(plan.contractValue.amount)),
    });
  }

  async function submit(values: { instalments?: InstalmentValues[] }): Promise<void> {
    setFailure(null);
    const instalments = (values.instalments ?? []).map((i) => ({
      dueOn: i.dueOn ?? '',
      amount: (i.amount ?? '').trim(),
    }));
    const result = await save({ contractId: plan.contractId, instalments, expectedVersion: plan.version });
    if (!result.error) return onSaved();
    const placed = violationFields(result.error, 'instalments', ['dueOn', 'amount'], 'amount').map((p) =>
      // The API's English words the rule with raw amounts: say it in the user's language, amounts formatted.
      p.rule === 'within_contract_value' && p.name ? { ...p, message: overContractValue(instalments, p.name[1]) } : p,
    );
    form.setFields(placed.flatMap((p) => (p.name ? [{ name: p.name, errors: [p.message] }] : [])));
    if (placed.length === 0 || placed.some((p) => !p.name)) setFailure(describeError(result.error, t));
  }

  return (
    <Modal
      open
      width={640}
      title={t('opportunity.plan.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">
        {t('opportunity.plan.hint', { value: formatMoney(plan.contractValue, locale) })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        name="payment-plan"
        initialValues={{ instalments: plan.instalments.map((i) => ({ dueOn: i.dueOn, amount: i.amount.amount })) }}
        onFinish={(v) => void submit(v)}
      >
        <Form.List name="instalments">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} wrap align="start" data-testid="instalment-row">
                  <Form.Item
                    name={[field.name, 'dueOn']}
                    label={t('opportunity.plan.dueOn', { n: index + 1 })}
                    rules={[{ required: true, message: t('opportunity.required') }]}
                    style={{ flex: '1 1 150px', marginBottom: 8 }}
                  >
                    <Input type="date" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'amount']}
                    label={t('opportunity.plan.amount', { n: index + 1, currency })}
                    rules={[
                      { required: true, message: t('opportunity.required') },
                      { pattern: decimal, message: t('opportunity.amountRule') },
                    ]}
                    style={{ flex: '1 1 150px', marginBottom: 8 }}
                  >
                    <Input inputMode="decimal" autoComplete="off" />
                  </Form.Item>
                  <Button
                    danger
                    onClick={() => remove(field.name)}
                    style={{ alignSelf: 'center' }}
                    aria-label={t('opportunity.plan.removeInstalment', { n: index + 1 })}
                  >
                    {t('opportunity.lines.remove')}
                  </Button>
                </Flex>
              ))}
              <Button
                type="dashed"
                block
                onClick={() => add({ amount: remainder.gt(0) ? remainder.toFixed() : undefined })}
              >
                {t('opportunity.plan.add')}
              </Button>
            </>
          )}
        </Form.List>
        <Alert
          style={{ marginTop: 12 }}
          showIcon
          role="status"
          type={remainder.isZero() ? 'success' : 'warning'}
          data-testid="plan-remainder"
          title={
            remainder.isZero()
              ? t('opportunity.plan.balanced')
              : remainder.gt(0)
                ? t('opportunity.plan.left', { amount: shown(remainder) })
                : t('opportunity.plan.over', { amount: shown(remainder) })
          }
        />
        {failure && <Alert type="error" showIcon style={{ marginTop: 12 }} title={failure} />}
      </Form>
    </Modal>
  );
}
