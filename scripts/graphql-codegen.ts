// Regenerates each subgraph's resolver types from its SDL, the portal's typed documents and its copy of the services'
// operation rules (`make codegen`). With --check it writes nothing and exits 1 naming each stale file (the spec next
// to each subgraph's resolvers runs it that way).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { generateResolverTypes, resolverTypesAreFresh } from '@crm/testing/graphql-codegen';
import { customerResolverTypesSpec } from '../services/customer/src/graphql/resolver-types.codegen';
import { salesResolverTypesSpec } from '../services/sales-pipeline/src/graphql/resolver-types.codegen';
import { ticketResolverTypesSpec } from '../services/service-ticket/src/graphql/resolver-types.codegen';
import { generatePortalTypes, stalePortalTypes } from '../portal/codegen/client-types';
import { generateOperationRoles, operationRolesFile, staleOperationRoles } from './operation-roles-codegen';

const specs = [customerResolverTypesSpec(), salesResolverTypesSpec(), ticketResolverTypesSpec()];
const check = process.argv.includes('--check');

void (async () => {
  let stale = 0;
  let checked = specs.length;
  for (const spec of specs) {
    const name = relative(process.cwd(), spec.outFile);
    if (check) {
      if (!(await resolverTypesAreFresh(spec)).fresh) {
        stale++;
        process.stdout.write(`codegen: ${name} is stale: run \`make codegen\`\n`);
      }
      continue;
    }
    mkdirSync(dirname(spec.outFile), { recursive: true });
    writeFileSync(spec.outFile, await generateResolverTypes(spec));
    process.stdout.write(`codegen: ${name}\n`);
  }
  // The portal's typed documents, from the composed supergraph's API schema and the portal's graphql() calls.
  if (check) {
    const portal = await stalePortalTypes();
    checked += portal.checked;
    for (const name of portal.stale) {
      stale++;
      process.stdout.write(`codegen: ${name} is stale: run \`make codegen\`\n`);
    }
  } else {
    for (const [file, content] of await generatePortalTypes()) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      process.stdout.write(`codegen: ${relative(process.cwd(), file)}\n`);
    }
  }
  // The portal's copy of the services' operation rules (who may call each root field), so it offers only callable actions.
  if (check) {
    checked++;
    const roles = await staleOperationRoles();
    if (roles) {
      stale++;
      process.stdout.write(`codegen: ${roles} is stale: run \`make codegen\`\n`);
    }
  } else {
    mkdirSync(dirname(operationRolesFile), { recursive: true });
    writeFileSync(operationRolesFile, await generateOperationRoles());
    process.stdout.write(`codegen: ${relative(process.cwd(), operationRolesFile)}\n`);
  }
  if (check && !stale) process.stdout.write(`codegen: ${checked} generated file(s) up to date\n`);
  process.exitCode = stale ? 1 : 0;
})();
