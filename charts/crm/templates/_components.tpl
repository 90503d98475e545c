{{/*
What each component's code fixes (not settings): its values key, role, entry files (dist/<name>/ of `make build`,
the image's workdir), the variables it reads its ports, database URL and drain time from, and whom it calls;
publicPaths: paths of its own HTTP port the gateway's Ingress/HTTPRoute route from outside (publicBaseUrl: the
variable their public URL goes in); attachmentDir: the variable of its shared volume's folder; httpUrlOf: variables
holding another component's HTTP origin; apiRoutes: the API paths the portal's host routes to other components
(regex: a pattern, not a prefix). Mirrors
libs/testing/src/stack-services.ts and gateway/src/subgraphs.ts (tests/deploy checks that it does).
*/}}
{{- define "crm.components" -}}
customer:
  valuesKey: customer
  role: service
  main: main.js
  migrate: migrate.js
  env: { database: CUSTOMER_DATABASE_URL, httpPort: CUSTOMER_HTTP_PORT, grpcPort: CUSTOMER_GRPC_PORT, drain: SHUTDOWN_TIMEOUT_MS }
  grpcAddressOf: {}
  subgraphUrlOf: {}
sales-pipeline:
  valuesKey: salesPipeline
  role: service
  main: main.js
  migrate: migrate.js
  env: { database: SALES_DATABASE_URL, httpPort: SALES_HTTP_PORT, grpcPort: SALES_GRPC_PORT, drain: SHUTDOWN_TIMEOUT_MS }
  grpcAddressOf: { CUSTOMER_GRPC_ADDRESS: customer }
  subgraphUrlOf: {}
service-ticket:
  valuesKey: serviceTicket
  role: service
  main: main.js
  migrate: migrate.js
  env: { database: TICKET_DATABASE_URL, httpPort: TICKET_HTTP_PORT, grpcPort: TICKET_GRPC_PORT, drain: SHUTDOWN_TIMEOUT_MS, publicBaseUrl: SURVEY_PUBLIC_BASE_URL, attachmentDir: TICKET_ATTACHMENT_DIR }
  grpcAddressOf: { CUSTOMER_GRPC_ADDRESS: customer }
  subgraphUrlOf: {}
  # The satisfaction survey page customers open from their mail (GET/POST /surveys/:token, no login).
  publicPaths: [/surveys]
gateway:
  valuesKey: gateway
  role: gateway
  main: main.js
  env: { httpPort: GATEWAY_PORT, drain: GATEWAY_DRAIN_TIMEOUT_MS }
  grpcAddressOf: {}
  subgraphUrlOf: { CUSTOMER_SUBGRAPH_URL: customer, SALES_SUBGRAPH_URL: sales-pipeline, TICKET_SUBGRAPH_URL: service-ticket }
  # Where the image has the supergraph (dist/gateway/ of make build, copied to /app).
  fixedEnv: { SUPERGRAPH_PATH: /app/supergraph.graphql }
  # Ticket attachments are streamed to and from service-ticket's HTTP port.
  httpUrlOf: { TICKET_HTTP_URL: service-ticket }
portal:
  valuesKey: portal
  role: web
  main: main.js
  env: { httpPort: PORT, drain: PORTAL_DRAIN_TIMEOUT_MS }
  grpcAddressOf: {}
  subgraphUrlOf: {}
  # Where the image has the Vite build (dist/portal/public of make build).
  fixedEnv: { PORTAL_PUBLIC_DIR: /app/public }
  # The API on the portal's own host (one origin for the browser): the one list of these paths in the chart, the
  # same as portal/server/gateway-paths.ts and the services' HTTP routes; everything else is the portal.
  apiRoutes:
    - { path: /graphql, to: gateway }
    - { path: '/tickets/[^/]+/attachments', regex: true, to: gateway }
    - { path: /surveys/, to: service-ticket }
    - { path: /imports/accounts, to: customer }
    - { path: /imports/contacts, to: customer }
    - { path: /exports/, to: customer }
    - { path: /imports/leads, to: sales-pipeline }
{{- end -}}

{{/* Renders one crm-lib template for every enabled component (when: a values key that must be true too, e.g. ingress). */}}
{{- define "crm.each" -}}
{{- $args := . -}}
{{- $ := .root -}}
{{- $all := include "crm.components" $ | fromYaml -}}
{{- range $name, $facts := $all -}}
{{- $values := index $.Values $facts.valuesKey -}}
{{- $when := true -}}
{{- if $args.when }}{{- $when = (index $values $args.when | default dict).enabled -}}{{- end -}}
{{- if $args.onlyMigrating }}{{- $when = and $when $facts.migrate -}}{{- end -}}
{{- if and $values.enabled $when }}
---
{{ include $args.template (dict "root" $ "name" $name "facts" $facts "values" $values "all" $all) }}
{{- end -}}
{{- end -}}
{{- end -}}
