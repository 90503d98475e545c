import { parse, type OperationDefinitionNode } from 'graphql';
import { measureDepth } from './operation-depth';
import { fragmentsOf } from './operation-document';

function depthOf(query: string): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  if (!operation) throw new Error('no operation');
  return measureDepth(operation, fragmentsOf(document));
}

describe('operation depth', () => {
  it('counts nested fields: a leaf at the root is 1, each selection level adds 1', () => {
    expect(depthOf('{ __typename }')).toBe(1);
    expect(depthOf('{ account(id: "1") { id owner { name } } }')).toBe(3);
  });

  it('takes the deepest branch', () => {
    expect(depthOf('{ a { b } c { d { e { f } } } }')).toBe(4);
  });

  it('resolves named fragments, nested fragments and inline fragments without counting them as levels', () => {
    const query = `
      query { account(id: "1") { ...AccountParts } }
      fragment AccountParts on Account { id ... on Account { owner { ...OwnerParts } } }
      fragment OwnerParts on User { team { name } }
    `;
    expect(depthOf(query)).toBe(4);
  });

  it('does not loop on a fragment cycle (left to validation to reject)', () => {
    const query = `
      { a { ...F } }
      fragment F on A { b { ...G } }
      fragment G on B { c { ...F } }
    `;
    expect(depthOf(query)).toBe(3);
  });

  it('stays fast on fragments spreading each other many times', () => {
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on T { x { ...F${i + 1} ...F${i + 1} } }`);
    const query = `{ root { ...F0 } } ${fragments.join(' ')} fragment F40 on T { leaf }`;
    const started = Date.now();
    expect(depthOf(query)).toBe(42);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
