import { userReferenceResolvers } from './user-reference-resolvers';

type Field = (parent: unknown, args: unknown, ctx: unknown, info: unknown) => unknown;
const field = (type: string, name: string): Field =>
  (userReferenceResolvers as unknown as Record<string, Record<string, Field>>)[type]![name]!;

const rep = '6f1f6a52-0d7b-4c1a-9a57-1b9d3c2e4a01';

describe('the people of sales types as User references', () => {
  it('names a person by a User stub the customer subgraph resolves', () => {
    expect(field('Quota', 'setByUser')({ setBy: rep }, {}, {}, {})).toEqual({ __typename: 'User', id: rep });
    expect(field('RepForecast', 'owner')({ ownerId: rep }, {}, {}, {})).toEqual({ __typename: 'User', id: rep });
  });

  it('gives null for an actor that is not a person (a service client id), not a stub that cannot resolve', () => {
    expect(field('StageHistoryEntry', 'movedByUser')({ movedBy: 'crm-services' }, {}, {}, {})).toBeNull();
    expect(field('ForecastSnapshot', 'computedByUser')({ computedBy: 'system' }, {}, {}, {})).toBeNull();
  });

  it('names the recorder of a receipt only: a finance write-back has no person behind it', () => {
    const recordedBy = field('Payment', 'recordedByUser');
    expect(recordedBy({ source: 'receipt', caller: rep }, {}, {}, {})).toEqual({ __typename: 'User', id: rep });
    expect(recordedBy({ source: 'finance', caller: rep }, {}, {}, {})).toBeNull();
  });
});
