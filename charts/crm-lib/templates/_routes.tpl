{{/* Entry from outside for the gateway and the portal: an Ingress with TLS, or a Gateway API HTTPRoute. */}}
{{- define "crm-lib.ingress" -}}
{{- $i := .values.ingress -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "crm-lib.fullname" . }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
  {{- $annotations := include "crm-lib.ingressAnnotations" . | fromYaml }}
  {{- with $annotations }}
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
            pathType: {{ if .regex }}ImplementationSpecific{{ else }}Prefix{{ end }}
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
            type: {{ if .regex }}RegularExpression{{ else }}PathPrefix{{ end }}
            value: {{ if .regex }}{{ printf "^%s(/.*)?$" .path }}{{ else }}{{ .path }}{{ end }}
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
The paths of other enabled components that this component's host routes straight to their Service's http port: on
the gateway's host their publicPaths (e.g. service-ticket's /surveys), on the portal's host its apiRoutes (the API on
the portal's origin). A YAML list of { path, service, port, regex }; empty for any other component's host.
*/}}
{{- define "crm-lib.publicRoutes" -}}
{{- $ := .root -}}
{{- $all := .all -}}
{{- $routes := list -}}
{{- if eq .facts.role "gateway" -}}
{{- range $other, $f := .all -}}
{{- $v := index $.Values $f.valuesKey -}}
{{- if $v.enabled -}}
{{- range $f.publicPaths -}}
{{- $service := include "crm-lib.fullname" (dict "root" $ "name" $other) -}}
{{- $routes = append $routes (dict "path" . "service" $service "port" $v.ports.http "regex" false) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range .facts.apiRoutes -}}
{{- $v := index $.Values (index $all .to).valuesKey -}}
{{- if $v.enabled -}}
{{- $service := include "crm-lib.fullname" (dict "root" $ "name" .to) -}}
{{- $routes = append $routes (dict "path" .path "service" $service "port" $v.ports.http "regex" (.regex | default false)) -}}
{{- end -}}
{{- end -}}
{{- toYaml $routes -}}
{{- end -}}

{{/*
The Ingress's annotations: the values' own, ingress-nginx's regex matching when a route is a pattern, and its request
body limit matched to the gateway's GATEWAY_MAX_UPLOAD_BYTES on hosts that route uploads to the gateway.
*/}}
{{- define "crm-lib.ingressAnnotations" -}}
{{- $annotations := dict -}}
{{- $routes := include "crm-lib.publicRoutes" . | fromYamlArray -}}
{{- range $routes }}{{ if .regex }}{{ $_ := set $annotations "nginx.ingress.kubernetes.io/use-regex" "true" }}{{ end }}{{ end -}}
{{- if or (eq .facts.role "gateway") $routes -}}
{{- $_ := set $annotations "nginx.ingress.kubernetes.io/proxy-body-size" (printf "%v" (int64 .root.Values.gateway.maxUploadBytes)) -}}
{{- end -}}
{{- toYaml (merge (deepCopy (.values.ingress.annotations | default dict)) $annotations) -}}
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
