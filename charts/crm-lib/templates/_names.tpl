{{/* Names and labels. Every template takes a context dict: root ($), name (the component), facts, values. */}}

{{- define "crm-lib.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "crm-lib.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "crm-lib.labels" -}}
{{ include "crm-lib.selectorLabels" . }}
app.kubernetes.io/part-of: crm
app.kubernetes.io/version: {{ include "crm-lib.imageTag" . | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The image tag: the component's, else the chart-wide one, else the chart's appVersion; never empty, never latest. */}}
{{- define "crm-lib.imageTag" -}}
{{- $tag := .values.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion | toString -}}
{{- if eq $tag "latest" -}}{{- fail (printf "%s: the image tag must be a version, not latest" .name) -}}{{- end -}}
{{- $tag -}}
{{- end -}}

{{- define "crm-lib.image" -}}
{{- $registry := .root.Values.image.registry -}}
{{- $repo := .values.image.repository -}}
{{- if $registry }}{{ printf "%s/%s:%s" $registry $repo (include "crm-lib.imageTag" .) }}{{ else }}{{ printf "%s:%s" $repo (include "crm-lib.imageTag" .) }}{{ end -}}
{{- end -}}
