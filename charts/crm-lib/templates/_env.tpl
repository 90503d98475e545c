{{/* The database URL, composed from the credentials Secret by Kubernetes' $(VAR) expansion, or read whole from it. */}}
{{- define "crm-lib.databaseEnv" -}}
{{- $pg := .root.Values.postgresql -}}
{{- $db := .values.database -}}
{{- if $db.urlKey }}
- name: {{ .facts.env.database }}
  valueFrom:
    secretKeyRef:
      name: {{ $db.existingSecret }}
      key: {{ $db.urlKey }}
{{- else }}
- name: CRM_DB_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $db.existingSecret }}
      key: {{ $db.usernameKey }}
- name: CRM_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $db.existingSecret }}
      key: {{ $db.passwordKey }}
- name: {{ .facts.env.database }}
  value: {{ printf "postgresql://$(CRM_DB_USERNAME):$(CRM_DB_PASSWORD)@%s:%d/%s?sslmode=%s" $pg.host (int $pg.port) $db.name $pg.sslMode | quote }}
{{- end }}
{{- end -}}

{{/* The PostgreSQL server's CA, trusted by Node through NODE_EXTRA_CA_CERTS (read once at start). */}}
{{- define "crm-lib.postgresCaEnv" -}}
{{- if and .facts.env.database .root.Values.postgresql.caSecret }}
- name: NODE_EXTRA_CA_CERTS
  value: {{ printf "/etc/crm/postgresql-ca/%s" .root.Values.postgresql.caKey | quote }}
{{- end }}
{{- end -}}

{{- define "crm-lib.postgresCaMount" -}}
{{- if and .facts.env.database .root.Values.postgresql.caSecret }}
- name: postgresql-ca
  mountPath: /etc/crm/postgresql-ca
  readOnly: true
{{- end }}
{{- end -}}

{{- define "crm-lib.postgresCaVolume" -}}
{{- if and .facts.env.database .root.Values.postgresql.caSecret }}
- name: postgresql-ca
  secret:
    secretName: {{ .root.Values.postgresql.caSecret }}
    items:
      - key: {{ .root.Values.postgresql.caKey }}
        path: {{ .root.Values.postgresql.caKey }}
{{- end }}
{{- end -}}

{{/* Secrets every process of a component reads: its database credentials, the crm-services client secret, its secretEnv. */}}
{{- define "crm-lib.secretEnv" -}}
{{- $ctx := . -}}
{{- if .facts.env.database }}
{{- include "crm-lib.databaseEnv" . }}
{{- include "crm-lib.postgresCaEnv" . }}
{{- end }}
{{- if and (eq .facts.role "service") .root.Values.keycloak.existingSecret }}
- name: KEYCLOAK_SECRET_CRM_SERVICES
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.keycloak.existingSecret }}
      key: {{ .root.Values.keycloak.servicesClientSecretKey }}
{{- end }}
{{- range $i, $entry := .values.secretEnv }}
{{- if not (and $entry.name $entry.secretName $entry.key) }}
{{- fail (printf "%s.secretEnv[%d]: each entry needs name, secretName and key" $ctx.facts.valuesKey $i) }}
{{- end }}
- name: {{ $entry.name }}
  valueFrom:
    secretKeyRef:
      name: {{ $entry.secretName }}
      key: {{ $entry.key }}
{{- end }}
{{- end -}}

{{/*
Plain settings (the ConfigMap): ports, addresses of the other components, Keycloak, drain time, the public URL and
attachments folder where the component has them, the component's own.
*/}}
{{- define "crm-lib.configData" -}}
{{- $ctx := . -}}
{{- $ := .root -}}
{{- $all := .all -}}
OTEL_SERVICE_NAME: {{ .name | quote }}
{{ .facts.env.httpPort }}: {{ .values.ports.http | quote }}
{{- if .facts.env.grpcPort }}
{{ .facts.env.grpcPort }}: {{ .values.ports.grpc | quote }}
{{- end }}
{{ .facts.env.drain }}: {{ mul .values.shutdown.drainSeconds 1000 | quote }}
{{- if and $.Values.metrics.enabled (ne .facts.role "web") }}
METRICS_PORT: {{ $.Values.metrics.port | quote }}
{{- end }}
{{- if ne .facts.role "web" }}
KEYCLOAK_ISSUER: {{ $.Values.keycloak.issuer | quote }}
JWT_AUDIENCE: {{ $.Values.keycloak.audience | quote }}
{{- end }}
{{- if eq .facts.role "service" }}
KEYCLOAK_SERVICES_CLIENT_ID: {{ $.Values.keycloak.servicesClientId | quote }}
NATS_URL: {{ $.Values.nats.url | quote }}
NATS_STREAM_REPLICAS: {{ $.Values.nats.streamReplicas | quote }}
{{- end }}
{{- range $variable, $other := .facts.grpcAddressOf }}
{{ $variable }}: {{ printf "%s-%s:%v" $.Release.Name $other (index $.Values (index $all $other).valuesKey).ports.grpc | quote }}
{{- end }}
{{- range $variable, $other := .facts.subgraphUrlOf }}
{{ $variable }}: {{ printf "http://%s-%s:%v/graphql" $.Release.Name $other (index $.Values (index $all $other).valuesKey).ports.http | quote }}
{{- end }}
{{- range $variable, $other := .facts.httpUrlOf }}
{{ $variable }}: {{ printf "http://%s-%s:%v" $.Release.Name $other (index $.Values (index $all $other).valuesKey).ports.http | quote }}
{{- end }}
{{- if eq .facts.role "gateway" }}
GATEWAY_MAX_UPLOAD_BYTES: {{ int64 .values.maxUploadBytes | toString | quote }}
{{- end }}
{{- if eq .facts.role "web" }}
{{- $r := .values.runtime }}
PORTAL_KEYCLOAK_URL: {{ $r.keycloakUrl | quote }}
PORTAL_KEYCLOAK_REALM: {{ $r.realm | quote }}
PORTAL_KEYCLOAK_CLIENT_ID: {{ $r.clientId | quote }}
PORTAL_COMPANY_CURRENCY: {{ $r.companyCurrency | quote }}
PORTAL_HSTS: {{ .values.hsts | toString | quote }}
{{- if .values.gatewayProxy }}
PORTAL_GATEWAY_URL: {{ printf "http://%s-gateway:%v" $.Release.Name $.Values.gateway.ports.http | quote }}
{{- end }}
{{- end }}
{{- if and (eq .facts.role "service") .values.followUpCadenceDays }}
FOLLOW_UP_CADENCE_DAYS: {{ .values.followUpCadenceDays | quote }}
{{- end }}
{{- with .facts.env.publicBaseUrl }}
{{- $url := include "crm-lib.publicBaseUrl" $ctx }}
{{- if $url }}
{{ . }}: {{ $url | quote }}
{{- else if ne (toString (index $ctx.values.config "AUTH_ALLOW_DEVELOPMENT_CLIENTS" | default "")) "true" }}
{{- fail (printf "%s.publicBaseUrl: set it, or turn on gateway.ingress or gateway.httpRoute (the service stops at start without %s)" $ctx.facts.valuesKey .) }}
{{- end }}
{{- end }}
{{- with .facts.env.attachmentDir }}
{{ . }}: {{ $ctx.values.attachments.mountPath | quote }}
{{- end }}
{{- range $variable, $value := .facts.fixedEnv }}
{{ $variable }}: {{ $value | quote }}
{{- end }}
{{- range $variable, $value := .values.config }}
{{ $variable }}: {{ $value | quote }}
{{- end }}
{{- end -}}
