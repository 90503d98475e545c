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

{{/*
The services' NATS credentials from nats.auth.existingSecret: one scheme, its keys named; a creds file is mounted
(crm-lib.natsCredsMount) and named by path, so it is re-read at a reconnect after a rotation.
*/}}
{{- define "crm-lib.natsAuthScheme" -}}
{{- $a := .root.Values.nats.auth | default dict -}}
{{- if $a.existingSecret -}}
{{- $schemes := list -}}
{{- if $a.credsFileKey }}{{ $schemes = append $schemes "credsFileKey" }}{{ end -}}
{{- if or $a.userKey $a.passwordKey }}{{ $schemes = append $schemes "userKey/passwordKey" }}{{ end -}}
{{- if $a.tokenKey }}{{ $schemes = append $schemes "tokenKey" }}{{ end -}}
{{- if ne (len $schemes) 1 -}}
{{- fail (printf "nats.auth: with existingSecret set exactly one of credsFileKey, userKey+passwordKey or tokenKey (got: %s)" (join ", " $schemes | default "none")) -}}
{{- end -}}
{{- if and (or $a.userKey $a.passwordKey) (not (and $a.userKey $a.passwordKey)) -}}
{{- fail "nats.auth: userKey and passwordKey go together: set both" -}}
{{- end -}}
{{- index $schemes 0 -}}
{{- else if or $a.credsFileKey $a.userKey $a.passwordKey $a.tokenKey -}}
{{- fail "nats.auth: the keys name entries of nats.auth.existingSecret: set it too" -}}
{{- end -}}
{{- end -}}

{{- define "crm-lib.natsAuthEnv" -}}
{{- $a := .root.Values.nats.auth | default dict -}}
{{- $scheme := include "crm-lib.natsAuthScheme" . -}}
{{- if eq $scheme "credsFileKey" }}
- name: NATS_CREDS_FILE
  value: {{ printf "/etc/crm/nats/%s" $a.credsFileKey | quote }}
{{- else if eq $scheme "userKey/passwordKey" }}
- name: NATS_USER
  valueFrom:
    secretKeyRef:
      name: {{ $a.existingSecret }}
      key: {{ $a.userKey }}
- name: NATS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $a.existingSecret }}
      key: {{ $a.passwordKey }}
{{- else if eq $scheme "tokenKey" }}
- name: NATS_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ $a.existingSecret }}
      key: {{ $a.tokenKey }}
{{- end }}
{{- end -}}

{{- define "crm-lib.natsCredsMount" -}}
{{- if and (eq .facts.role "service") (eq (include "crm-lib.natsAuthScheme" .) "credsFileKey") }}
- name: nats-creds
  mountPath: /etc/crm/nats
  readOnly: true
{{- end }}
{{- end -}}

{{- define "crm-lib.natsCredsVolume" -}}
{{- if and (eq .facts.role "service") (eq (include "crm-lib.natsAuthScheme" .) "credsFileKey") }}
{{- $a := .root.Values.nats.auth }}
- name: nats-creds
  secret:
    secretName: {{ $a.existingSecret }}
    {{- /* 0440 in decimal: readable by the pod's fsGroup only, whatever YAML version reads it. */}}
    defaultMode: 288
    items:
      - key: {{ $a.credsFileKey }}
        path: {{ $a.credsFileKey }}
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
{{- if eq .facts.role "service" }}
{{- include "crm-lib.natsAuthEnv" . }}
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
