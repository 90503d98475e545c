{{/* An egress rule to the peers given (any destination when none are), on the ports given. */}}
{{- define "crm-lib.egressRule" -}}
- ports:
    {{- range .ports }}
    - port: {{ . }}
      protocol: TCP
    {{- end }}
  {{- with .to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{- define "crm-lib.dnsEgress" -}}
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
  {{- with .root.Values.networkPolicy.dns.to }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}

{{- define "crm-lib.postgresEgress" -}}
{{- include "crm-lib.egressRule" (dict "ports" (list .root.Values.postgresql.port) "to" .root.Values.networkPolicy.postgresql.to) -}}
{{- end -}}
