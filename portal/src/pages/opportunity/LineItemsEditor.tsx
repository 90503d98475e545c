import { Alert, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { usePortal } from '../../app/portal-context';
import { formatMoney } from '../../format/format';
import { describeError } from '../../graphql/errors';
import type { OpportunityDetailQuery } from '../../graphql/gen/graphql';
import { ProductPickerQuery, SetLineItemsMutation } from './opportunity-queries';
import { violationFields } from './violation-fields';

type Deal = NonNullable<OpportunityDetailQuery['opportunity']>;

interface LineValues {
  productId?: string;
  quantity?: string;
  unitPrice?: string;
  discountPercent?: string;
}

const decimal = /^\d+(\.\d+)?$/;

/**
 * Replaces the deal's line items (setOpportunityLineItems under the deal's version): product, quantity, unit price
 * (the price book's in the deal's currency when left empty) and discount. The totals shown after saving are the API's.
 */
export function LineItemsEditor({
  deal,
  onClose,
  onSaved,
}: {
  deal: Deal;
  onClose(): void;
  onSaved(): void;
}): ReactNode {
  const { t } = useTranslation();
  const { locale } = usePortal();
  const [form] = Form.useForm<{ items: LineValues[] }>();
  const [search, setSearch] = useState('');
  const [{ data: products, fetching: loadingProducts }] = useQuery({
    query: ProductPickerQuery,
    variables: { search: search || undefined },
  });
  const [{ fetching }, save] = useMutation(SetLineItemsMutation);
  const [failure, setFailure] = useState<string | null>(null);
  const currency = deal.amount.currencyCode;
  const known = new Map(deal.lineItems.map((l) => [l.product.id, l.product.name]));
  const catalogue = (products?.products.edges ?? []).map((e) => e.node);
  const listPrice = (productId: string | undefined): string | undefined => {
    const price = catalogue
      .find((p) => p.id === productId)
      ?.prices.find((p) => p.unitPrice.currencyCode === currency)?.unitPrice;
    return price ? formatMoney(price, locale) : undefined;
  };
  const listPriceHint = (productId: string | undefined): string | undefined => {
    const price = listPrice(productId);
    return price ? t('opportunity.lines.listPrice', { price }) : undefined;
  };
  const options = [
    ...catalogue.filter((p) => p.active).map((p) => ({ value: p.id, label: `${p.name} (${p.code})` })),
    ...[...known]
      .filter(([id]) => !catalogue.some((p) => p.id === id))
      .map(([id, name]) => ({ value: id, label: name })),
  ];

  async function submit(values: { items?: LineValues[] }): Promise<void> {
    setFailure(null);
    const items = (values.items ?? []).map((line) => ({
      productId: line.productId ?? '',
      quantity: (line.quantity ?? '').trim(),
      unitPrice: line.unitPrice?.trim() || undefined,
      discountPercent: line.discountPercent?.trim() || undefined,
    }));
    const result = await save({ opportunityId: deal.id, items, expectedVersion: deal.version });
    if (!result.error) return onSaved();
    const placed = violationFields(
      result.error,
      'items',
      ['productId', 'quantity', 'unitPrice', 'discountPercent'],
      'productId',
    );
    form.setFields(placed.flatMap((p) => (p.name ? [{ name: p.name, errors: [p.message] }] : [])));
    if (placed.length === 0 || placed.some((p) => !p.name)) setFailure(describeError(result.error, t));
  }

  return (
    <Modal
      open
      width={860}
      title={t('opportunity.lines.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={fetching}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('opportunity.lines.hint', { currency })}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        name="line-items"
        initialValues={{
          items: deal.lineItems.map((l) => ({
            productId: l.product.id,
            quantity: l.quantity,
            unitPrice: l.unitPrice.amount,
            discountPercent: l.discountPercent,
          })),
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                // A fieldset is at least as wide as its content by default: minWidth 0 lets the fields wrap on a phone.
                <fieldset
                  key={field.key}
                  style={{
                    border: '1px solid #f0f0f0',
                    borderRadius: 8,
                    padding: '8px 12px',
                    marginBottom: 8,
                    minWidth: 0,
                  }}
                  data-testid="line-item-row"
                >
                  <legend style={{ fontSize: 14, width: 'auto', margin: 0, padding: '0 4px', border: 0 }}>
                    {t('opportunity.lines.line', { n: index + 1 })}
                  </legend>
                  <Flex gap={8} wrap align="start">
                    <Form.Item
                      name={[field.name, 'productId']}
                      label={t('opportunity.col.product')}
                      rules={[{ required: true, message: t('opportunity.required') }]}
                      // A long product name would keep the item at its text's width: it ellipsizes instead.
                      style={{ flex: '2 1 220px', marginBottom: 8, minWidth: 0 }}
                    >
                      <Select
                        showSearch={{ filterOption: false, onSearch: setSearch }}
                        loading={loadingProducts}
                        options={options}
                        notFoundContent={t('opportunity.lines.noProducts')}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'quantity']}
                      label={t('opportunity.col.quantity')}
                      rules={[
                        { required: true, message: t('opportunity.required') },
                        { pattern: decimal, message: t('opportunity.lines.quantityRule') },
                      ]}
                      style={{ flex: '1 1 90px', marginBottom: 8 }}
                    >
                      <Input inputMode="decimal" autoComplete="off" />
                    </Form.Item>
                    <Form.Item
                      noStyle
                      shouldUpdate={(a: { items?: LineValues[] }, b: { items?: LineValues[] }) =>
                        a.items?.[index]?.productId !== b.items?.[index]?.productId
                      }
                    >
                      {() => (
                        <Form.Item
                          name={[field.name, 'unitPrice']}
                          label={t('opportunity.lines.unitPrice', { currency })}
                          rules={[{ pattern: decimal, message: t('opportunity.amountRule') }]}
                          extra={listPriceHint(
                            form.getFieldValue(['items', field.name, 'productId']) as string | undefined,
                          )}
                          style={{ flex: '1 1 130px', marginBottom: 8 }}
                        >
                          <Input inputMode="decimal" autoComplete="off" placeholder={t('opportunity.lines.fromBook')} />
                        </Form.Item>
                      )}
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'discountPercent']}
                      label={t('opportunity.lines.discount')}
                      rules={[{ pattern: decimal, message: t('opportunity.lines.discountRule') }]}
                      style={{ flex: '1 1 90px', marginBottom: 8 }}
                    >
                      <Input inputMode="decimal" autoComplete="off" placeholder="0" />
                    </Form.Item>
                    <Button
                      danger
                      onClick={() => remove(field.name)}
                      style={{ alignSelf: 'center' }}
                      aria-label={t('opportunity.lines.removeLine', { n: index + 1 })}
                    >
                      {t('opportunity.lines.remove')}
                    </Button>
                  </Flex>
                </fieldset>
              ))}
              <Button type="dashed" block onClick={() => add({ discountPercent: '0' })}>
                {t('opportunity.lines.add')}
              </Button>
            </>
          )}
        </Form.List>
        {failure && <Alert type="error" showIcon style={{ marginTop: 12 }} title={failure} />}
      </Form>
    </Modal>
  );
}
