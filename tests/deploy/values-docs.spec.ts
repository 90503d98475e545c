import { valueDocs, valuesSchema, valuesTable } from '../../scripts/charts/values-docs';

const values = `## @param image.tag Tag of every image
## @param replicaCount Replicas
## @param podAnnotations Annotations of the pods
image:
  tag: ""
replicaCount: 2
podAnnotations: {}
`;

describe('chart values documentation', () => {
  it('refuses a value without its @param line, and a @param naming no value, naming both', () => {
    const undocumented = `${values}extra: true\n## @param removed.value Gone\n`;
    expect(() => valueDocs(undocumented)).toThrow('extra has no @param line; @param removed.value names no value');
  });

  it('closes every object of the schema, so a misspelt key is refused, and types each value by its default', () => {
    expect(valuesSchema(valueDocs(values), 'demo')).toMatchObject({
      additionalProperties: false,
      properties: {
        image: { type: 'object', additionalProperties: false, properties: { tag: { type: 'string' } } },
        replicaCount: { type: 'integer', description: 'Replicas' },
        podAnnotations: { type: 'object' },
      },
    });
  });

  it('restricts a value whose description ends in (one of: …) to those choices', () => {
    const withChoices = `## @param sslMode sslmode (one of: disable, require)\nsslMode: require\n`;
    expect(valuesSchema(valueDocs(withChoices), 'demo')).toMatchObject({
      properties: { sslMode: { type: 'string', enum: ['disable', 'require'] } },
    });
  });

  it('tables every value with its description and default', () => {
    expect(valuesTable(valueDocs(values))).toContain('| `replicaCount` | Replicas | `2` |');
  });
});
