import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Kind, type ObjectTypeDefinitionNode } from 'graphql';
import { sharedSdlDir, subgraphSdlFiles, subgraphTypeDefs } from './subgraph-type-defs';

describe('a subgraph SDL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sdl-'));
  writeFileSync(join(dir, 'zeta.graphql'), 'extend type Query { zeta: Int }\n');
  writeFileSync(join(dir, 'alpha.graphql'), 'extend type Query { alpha: Int }\n');
  writeFileSync(
    join(dir, 'schema.graphql'),
    'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@shareable"])\n' +
      'scalar DateTime\nscalar JSON\ntype PageInfo @shareable { endCursor: String hasNextPage: Boolean! }\n' +
      'type Query { hello: String }\n',
  );
  writeFileSync(join(dir, 'notes.txt'), 'not SDL');

  it('is the folder’s schema.graphql, then the platform’s shared SDL, then the folder’s other files by name', () => {
    const files = subgraphSdlFiles(dir);
    expect(files[0]).toBe(join(dir, 'schema.graphql'));
    expect(files[1]).toBe(join(sharedSdlDir, 'audit.graphql'));
    expect(files.slice(2).map((f) => basename(f))).toEqual(['alpha.graphql', 'zeta.graphql']);
  });

  it('gives every subgraph the audit types its audit root fields return', () => {
    const types = subgraphTypeDefs(dir)
      .definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION)
      .map((d) => d.name.value);
    expect(types).toEqual(
      expect.arrayContaining([
        'AuditChainStatus',
        'AuditCheckpointCheck',
        'AuditRecordConnection',
        'FieldChangeConnection',
      ]),
    );
    expect(types.filter((t) => t === 'AuditChainStatus')).toHaveLength(1);
  });
});
