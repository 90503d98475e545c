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
    - matches:
        - path:
            type: PathPrefix
            value: {{ $r.path }}
      backendRefs:
        - name: {{ include "crm-lib.fullname" . }}
          port: {{ .values.ports.http }}
{{- end -}}
