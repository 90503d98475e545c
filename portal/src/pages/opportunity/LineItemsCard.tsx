import { App, Button, Card, Table } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePortal } from '../../app/portal-context';
import { mayCall } from '../../auth/session';
import { formatMoney } from '../../format/format';
import type { OpportunityDetailQuery } from '../../graphql/gen/graphql';
import { LineItemsEditor } from './LineItemsEditor';

type Deal = NonNullable<OpportunityDetailQuery['opportunity']>;
type LineRow = Deal['lineItems'][number];

const nowrap = { style: { whiteSpace: 'nowrap' as const } };

/** The deal's line items with the API's line totals; an open deal's lines are edited in LineItemsEditor. */
export function LineItemsCard({ deal, reload }: { deal: Deal; reload(): void }): ReactNode {
  const { t } = useTranslation();
  const { locale, user } = usePortal();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('opportunity.lineItems')}</h2>}
      extra={
        deal.status === 'OPEN' &&
        mayCall(user, 'Mutation.setOpportunityLineItems') && (
          <Button onClick={() => setEditing(true)}>{t('opportunity.lines.edit')}</Button>
        )
      }
    >
      <Table<LineRow>
        rowKey="position"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={deal.lineItems}
        locale={{ emptyText: t('opportunity.noLineItems') }}
        summary={() =>
          deal.lineItems.length > 0 && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={4}>
                <strong>{t('opportunity.lines.total')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <strong style={{ whiteSpace: 'nowrap' }}>{formatMoney(deal.amount, locale)}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
        columns={[
          { title: t('opportunity.col.product'), key: 'product', render: (_, l) => l.product.name },
          { title: t('opportunity.col.quantity'), key: 'qty', align: 'right', render: (_, l) => l.quantity },
          {
            title: t('opportunity.col.unitPrice'),
            key: 'unit',
            align: 'right',
            onCell: () => nowrap,
            render: (_, l) => formatMoney(l.unitPrice, locale),
          },
          { title: t('opportunity.col.discount'), key: 'discount', render: (_, l) => `${l.discountPercent}%` },
          {
            title: t('opportunity.col.lineTotal'),
            key: 'total',
            align: 'right',
            onCell: () => nowrap,
            render: (_, l) => formatMoney(l.lineTotal, locale),
          },
        ]}
      />
      {editing && (
        <LineItemsEditor
          deal={deal}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void message.success(t('opportunity.lines.saved'));
            reload();
          }}
        />
      )}
    </Card>
  );
}
