{{- define "crm-lib.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "crm-lib.fullname" . }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "crm-lib.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .values.ports.http }}
      targetPort: http
      protocol: TCP
      appProtocol: http
    {{- if .facts.env.grpcPort }}
    - name: grpc
      port: {{ .values.ports.grpc }}
      targetPort: grpc
      protocol: TCP
      appProtocol: kubernetes.io/h2c
    {{- end }}
    {{- if and .root.Values.metrics.enabled (ne .facts.role "web") }}
    - name: metrics
      port: {{ .root.Values.metrics.port }}
      targetPort: metrics
      protocol: TCP
      appProtocol: http
    {{- end }}
{{- end -}}

{{/* No token is mounted: no component talks to the Kubernetes API. */}}
{{- define "crm-lib.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "crm-lib.fullname" . }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
automountServiceAccountToken: false
{{- end -}}

{{- define "crm-lib.configMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "crm-lib.fullname" . }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
data:
  {{- include "crm-lib.configData" . | nindent 2 }}
{{- end -}}
