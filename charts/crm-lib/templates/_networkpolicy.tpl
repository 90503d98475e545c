{{/*
Per component, on top of the release's default deny: who may call it (the gateway its subgraph, other services its
gRPC, the ingress controller the gateway, the portal and the http port of a component with publicPaths or one the
portal's host routes API paths to, the portal the gateway when it proxies to it) and what it may call (DNS,
PostgreSQL, NATS, Keycloak, the gRPC of the services it depends on, the gateway its subgraphs, the portal nothing
but DNS and, with gatewayProxy, the gateway; every one the trace collector when telemetry.otlpEndpoint is set).
*/}}
{{- define "crm-lib.networkPolicy" -}}
{{- $ := .root -}}
{{- $name := .name -}}
{{- $all := .all -}}
{{- $np := $.Values.networkPolicy -}}
{{- $callers := list -}}
{{- $portal := $.Values.portal -}}
{{- $routedFromPortal := false -}}
{{- if $portal.enabled -}}
{{- range (index .all "portal").apiRoutes -}}
{{- if eq .to $name }}{{ $routedFromPortal = true }}{{ end -}}
{{- end -}}
{{- end -}}
{{- range $other, $f := .all -}}
{{- if and (index $.Values $f.valuesKey).enabled (has $name (values $f.grpcAddressOf)) -}}
{{- $callers = append $callers $other -}}
{{- end -}}
{{- end -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "crm-lib.fullname" . }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "crm-lib.selectorLabels" . | nindent 6 }}
  policyTypes: [Ingress, Egress]
  ingress:
    {{- if or (has .facts.role (list "gateway" "web")) .facts.publicPaths $routedFromPortal }}
    - ports:
        - port: http
          protocol: TCP
      {{- with $np.ingressFrom }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- end }}
    {{- if and (eq .facts.role "service") $.Values.gateway.enabled }}
    - ports:
        - port: http
          protocol: TCP
      from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: gateway
              app.kubernetes.io/instance: {{ $.Release.Name }}
    {{- end }}
    {{- if and (eq .facts.role "gateway") $portal.enabled $portal.gatewayProxy }}
    - ports:
        - port: http
          protocol: TCP
      from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: portal
              app.kubernetes.io/instance: {{ $.Release.Name }}
    {{- end }}
    {{- if $callers }}
    - ports:
        - port: grpc
          protocol: TCP
      from:
        {{- range $callers }}
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: {{ . }}
              app.kubernetes.io/instance: {{ $.Release.Name }}
        {{- end }}
    {{- end }}
    {{- if and $.Values.metrics.enabled (ne .facts.role "web") $np.metricsFrom }}
    - ports:
        - port: metrics
          protocol: TCP
      from:
        {{- toYaml $np.metricsFrom | nindent 8 }}
    {{- end }}
  egress:
    {{- include "crm-lib.dnsEgress" . | nindent 4 }}
    {{- if eq .facts.role "service" }}
    {{- include "crm-lib.postgresEgress" . | nindent 4 }}
    {{- include "crm-lib.egressRule" (dict "ports" $np.nats.ports "to" $np.nats.to) | nindent 4 }}
    {{- end }}
    {{- if ne .facts.role "web" }}
    {{- include "crm-lib.egressRule" (dict "ports" $np.keycloak.ports "to" $np.keycloak.to) | nindent 4 }}
    {{- end }}
    {{- range $variable, $other := .facts.grpcAddressOf }}
    - ports:
        - port: {{ (index $.Values (index $all $other).valuesKey).ports.grpc }}
          protocol: TCP
      to:
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: {{ $other }}
              app.kubernetes.io/instance: {{ $.Release.Name }}
    {{- end }}
    {{- if and (eq .facts.role "web") .values.gatewayProxy $.Values.gateway.enabled }}
    - ports:
        - port: {{ $.Values.gateway.ports.http }}
          protocol: TCP
      to:
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: gateway
              app.kubernetes.io/instance: {{ $.Release.Name }}
    {{- end }}
    {{- range $variable, $other := .facts.subgraphUrlOf }}
    - ports:
        - port: {{ (index $.Values (index $all $other).valuesKey).ports.http }}
          protocol: TCP
      to:
        - podSelector:
            matchLabels:
              app.kubernetes.io/name: {{ $other }}
              app.kubernetes.io/instance: {{ $.Release.Name }}
    {{- end }}
    {{- include "crm-lib.otelCollectorEgress" . | nindent 4 }}
    {{- with $np.extraEgress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}

{{/* Everything of the release that no other policy allows is denied, both ways. */}}
{{- define "crm-lib.defaultDenyPolicy" -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ printf "%s-default-deny" .Release.Name }}
  labels:
    app.kubernetes.io/instance: {{ .Release.Name }}
    app.kubernetes.io/part-of: crm
    app.kubernetes.io/managed-by: {{ .Release.Service }}
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/instance: {{ .Release.Name }}
  policyTypes: [Ingress, Egress]
{{- end -}}

{{/* Migration Job pods talk to DNS, PostgreSQL and the trace collector only, and nobody talks to them. */}}
{{- define "crm-lib.migrationNetworkPolicy" -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ printf "%s-migrations" .root.Release.Name }}
  labels:
    app.kubernetes.io/instance: {{ .root.Release.Name }}
    app.kubernetes.io/part-of: crm
    app.kubernetes.io/managed-by: {{ .root.Release.Service }}
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/instance: {{ .root.Release.Name }}
      app.kubernetes.io/component: migration
  policyTypes: [Ingress, Egress]
  egress:
    {{- include "crm-lib.dnsEgress" . | nindent 4 }}
    {{- include "crm-lib.postgresEgress" . | nindent 4 }}
    {{- include "crm-lib.otelCollectorEgress" . | nindent 4 }}
{{- end -}}
