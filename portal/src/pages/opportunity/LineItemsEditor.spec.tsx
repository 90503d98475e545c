/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { CombinedError } from 'urql';
import type { OpportunityProductsQuery } from '../../graphql/gen/graphql';
import { initI18n } from '../../i18n/i18n';
import { fakeClient, SalesPageHarness, signedInAs } from '../../test-support/sales-page-harness';
import { cny, erpDeal } from './deal-fixture';
import { LineItemsEditor } from './LineItemsEditor';

const deal = erpDeal;

const products: OpportunityProductsQuery = {
  products: {
    edges: [
      {
        node: {
          id: 'erp',
          code: 'ERP',
          name: 'ERP core licence',
          active: true,
          prices: [{ unitPrice: cny('4000.00') }],
        },
      },
      {
        node: { id: 'day', code: 'DAY', name: 'Consultant day', active: true, prices: [{ unitPrice: cny('6800.00') }] },
      },
    ],
  },
};

const tooMuchDiscount = new CombinedError({
  graphQLErrors: [
    new GraphQLError('items[0].discountPercent: at most 100', {
      extensions: {
        code: 'BAD_USER_INPUT',
        violations: [{ field: 'items[0].discountPercent', rule: 'max', message: 'at most 100' }],
      },
    }),
  ],
});

function renderEditor(answer: () => { data?: unknown; error?: CombinedError }) {
  const saved = jest.fn();
  const { client, sent } = fakeClient({
    OpportunityProducts: () => ({ data: products }),
    OpportunitySetLineItems: answer,
  });
  render(
    <SalesPageHarness client={client} portal={signedInAs(['sales-rep'])}>
      <LineItemsEditor deal={deal} onClose={() => undefined} onSaved={saved} />
    </SalesPageHarness>,
  );
  const saves = () => sent.filter((op) => op.kind === 'mutation').map((op) => op.variables);
  return { saved, saves };
}

describe('the line items editor', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it('changes a line, removes it and adds another, then saves them under the deal version', async () => {
    const { saves, saved } = renderEditor(() => ({ data: { setOpportunityLineItems: { id: 'deal-1', version: 8 } } }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByDisplayValue('3.0000')).toBeTruthy();
    expect(await within(dialog).findByText('List price CN¥4,000.00')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Discount (%)'), { target: { value: '12.5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add a line' }));
    fireEvent.change(within(dialog).getAllByLabelText('Quantity')[1]!, { target: { value: '2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /save/i }));
    // The new line has no product yet: nothing is sent until it has one.
    expect(await within(dialog).findByText('Required')).toBeTruthy();
    expect(saves()).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove line 2' }));
    fireEvent.click(within(dialog).getByRole('button', { name: /save/i }));
    await waitFor(() =>
      expect(saves()).toEqual([
        {
          opportunityId: 'deal-1',
          expectedVersion: 7,
          items: [{ productId: 'erp', quantity: '3.0000', unitPrice: '4000.00', discountPercent: '12.5' }],
        },
      ]),
    );
    await waitFor(() => expect(saved).toHaveBeenCalled());
  }, 30_000);

  it('shows the API refusal on the line and field it names, and stays open', async () => {
    const { saved } = renderEditor(() => ({ error: tooMuchDiscount }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Discount (%)'), { target: { value: '120' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /save/i }));
    const message = await within(dialog).findByText('at most 100');
    expect(within(dialog).getByLabelText('Discount (%)').closest('.ant-form-item')?.contains(message)).toBe(true);
    expect(saved).not.toHaveBeenCalled();
  });

  it.each(['1,5', 'abc'])(
    'refuses a quantity of %s with a message naming the quantity, sending nothing',
    async (messy) => {
      const { saves } = renderEditor(() => ({ data: { setOpportunityLineItems: { id: 'deal-1', version: 8 } } }));
      const dialog = await screen.findByRole('dialog');
      fireEvent.change(within(dialog).getByLabelText('Quantity'), { target: { value: messy } });
      fireEvent.click(within(dialog).getByRole('button', { name: /save/i }));
      const message = await within(dialog).findByText(
        'Quantity: a number with a decimal point, e.g. 3 or 1.5 (not 1,5)',
      );
      expect(within(dialog).getByLabelText('Quantity').closest('.ant-form-item')?.contains(message)).toBe(true);
      expect(saves()).toEqual([]);
    },
  );

  it('refuses a discount that is not a percentage with a message naming the discount', async () => {
    renderEditor(() => ({ data: { setOpportunityLineItems: { id: 'deal-1', version: 8 } } }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Discount (%)'), { target: { value: '12,5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /save/i }));
    expect(await within(dialog).findByText('Discount: a percentage from 0 to 100 (e.g. 12.5)')).toBeTruthy();
  });

  it('lets a line wrap inside a phone-wide dialog: the fieldset does not keep its content width', async () => {
    renderEditor(() => ({ data: { setOpportunityLineItems: { id: 'deal-1', version: 8 } } }));
    const dialog = await screen.findByRole('dialog');
    const line = within(dialog).getByRole('group', { name: 'Line 1' });
    expect(line.style.minWidth).toMatch(/^0(px)?$/);
    // Nor does the product's field keep the width of a long product name.
    const product = within(line).getByRole('combobox', { name: 'Product' }).closest<HTMLElement>('.ant-form-item');
    expect(product?.style.minWidth).toMatch(/^0(px)?$/);
  });
});
