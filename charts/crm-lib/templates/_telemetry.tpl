{{/*
Trace export of every process (components and migration Jobs): the collector, the sampler, and resource attributes
naming the pod through the downward API (Kubernetes' $(VAR) expansion composes OTEL_RESOURCE_ATTRIBUTES from them).
*/}}
{{- define "crm-lib.telemetryEnv" -}}
{{- $t := .root.Values.telemetry -}}
{{- if not (regexMatch "^(0(\\.[0-9]+)?|1(\\.0+)?)$" (toString $t.tracesSamplerArg)) -}}
{{- fail (printf "telemetry.tracesSamplerArg: a ratio from 0 to 1, e.g. 0.25 (got %q)" (toString $t.tracesSamplerArg)) -}}
{{- end -}}
{{- range $name, $value := merge (dict "environment" ($t.environment | default "")) $t.resourceAttributes -}}
{{- if regexMatch "[,=\\s]" (printf "%s%s" $name (toString $value)) -}}
{{- fail (printf "telemetry.resourceAttributes/environment: %s=%s must hold no comma, equals sign or space (OTEL_RESOURCE_ATTRIBUTES is a comma-separated list)" $name (toString $value)) -}}
{{- end -}}
{{- end -}}
{{- $attributes := list "k8s.namespace.name=$(K8S_NAMESPACE_NAME)" "k8s.pod.name=$(K8S_POD_NAME)" -}}
{{- with $t.environment }}{{ $attributes = append $attributes (printf "deployment.environment.name=%s" .) }}{{ end -}}
{{- range $name, $value := $t.resourceAttributes }}{{ $attributes = append $attributes (printf "%s=%s" $name $value) }}{{ end }}
{{- if $t.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ $t.otlpEndpoint | quote }}
{{- end }}
- name: OTEL_TRACES_SAMPLER
  value: {{ $t.tracesSampler | quote }}
- name: OTEL_TRACES_SAMPLER_ARG
  value: {{ $t.tracesSamplerArg | toString | quote }}
- name: K8S_NAMESPACE_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: K8S_POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ join "," $attributes | quote }}
{{- end -}}

{{/* Egress to the collector, when traces are exported. */}}
{{- define "crm-lib.otelCollectorEgress" -}}
{{- if .root.Values.telemetry.otlpEndpoint -}}
{{- $c := .root.Values.networkPolicy.otelCollector -}}
{{- include "crm-lib.egressRule" (dict "ports" $c.ports "to" $c.to) -}}
{{- end -}}
{{- end -}}
