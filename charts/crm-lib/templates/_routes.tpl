{{/* Entry from outside for the gateway and the portal: an Ingress with TLS, or a Gateway API HTTPRoute. */}}
{{- define "crm-lib.ingress" -}}
{{- $i := .values.ingress -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "crm-lib.fullname" . }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
  {{- with $i.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with $i.className }}
  ingressClassName: {{ . }}
  {{- end }}
  tls:
    - hosts: [{{ $i.host | quote }}]
      secretName: {{ $i.tlsSecretName }}
  rules:
    - host: {{ $i.host | quote }}
      http:
        paths:
          {{- range (include "crm-lib.publicRoutes" . | fromYamlArray) }}
          - path: {{ .path }}
            pathType: Prefix
            backend:
              service:
                name: {{ .service }}
                port:
                  name: http
          {{- end }}
          - path: {{ $i.path }}
            pathType: Prefix
            backend:
              service:
                name: {{ include "crm-lib.fullname" . }}
                port:
                  name: http
{{- end -}}

{{/* TLS ends at the Gateway's HTTPS listener (its certificateRefs); the route attaches to that listener by sectionName. */}}
{{- define "crm-lib.httpRoute" -}}
{{- $r := .values.httpRoute -}}
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: {{ include "crm-lib.fullname" . }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
spec:
  parentRefs:
    {{- toYaml $r.parentRefs | nindent 4 }}
  hostnames: [{{ $r.hostname | quote }}]
  rules:
    {{- range (include "crm-lib.publicRoutes" . | fromYamlArray) }}
    - matches:
        - path:
            type: PathPrefix
            value: {{ .path }}
      backendRefs:
        - name: {{ .service }}
          port: {{ .port }}
    {{- end }}
    - matches:
        - path:
            type: PathPrefix
            value: {{ $r.path }}
      backendRefs:
        - name: {{ include "crm-lib.fullname" . }}
          port: {{ .values.ports.http }}
{{- end -}}

{{/*
The public paths of the other enabled components (facts.publicPaths, e.g. service-ticket's /surveys) that the
gateway's host routes straight to their Service's http port: a YAML list of { path, service, port }; empty for
any other component's host.
*/}}
{{- define "crm-lib.publicRoutes" -}}
{{- $ := .root -}}
{{- $routes := list -}}
{{- if eq .facts.role "gateway" -}}
{{- range $other, $f := .all -}}
{{- $v := index $.Values $f.valuesKey -}}
{{- if $v.enabled -}}
{{- range $f.publicPaths -}}
{{- $service := include "crm-lib.fullname" (dict "root" $ "name" $other) -}}
{{- $routes = append $routes (dict "path" . "service" $service "port" $v.ports.http) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toYaml $routes -}}
{{- end -}}

{{/* A component's public base URL: its publicBaseUrl, else https:// and the gateway's Ingress host or HTTPRoute hostname. */}}
{{- define "crm-lib.publicBaseUrl" -}}
{{- $g := .root.Values.gateway -}}
{{- if .values.publicBaseUrl -}}
{{- .values.publicBaseUrl -}}
{{- else if and $g.enabled $g.ingress.enabled -}}
{{- printf "https://%s" $g.ingress.host -}}
{{- else if and $g.enabled $g.httpRoute.enabled -}}
{{- printf "https://%s" $g.httpRoute.hostname -}}
{{- end -}}
{{- end -}}
