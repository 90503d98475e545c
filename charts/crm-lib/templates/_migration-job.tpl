{{/*
The service's migrations before its pods change: a pre-install/pre-upgrade hook Job running the image's migrate.js
(web pods never migrate). A failed Job fails the release and stays for its logs until the next attempt replaces it.
It runs under the namespace's default ServiceAccount without a token: the hook runs before the chart's own exist.
*/}}
{{- define "crm-lib.migrationJob" -}}
{{- $v := .values -}}
{{- $ := .root -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ printf "%s-migrate" (include "crm-lib.fullname" .) | trunc 63 | trimSuffix "-" }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "-5"
    helm.sh/hook-delete-policy: before-hook-creation
spec:
  backoffLimit: {{ $.Values.migrations.backoffLimit }}
  activeDeadlineSeconds: {{ $.Values.migrations.activeDeadlineSeconds }}
  ttlSecondsAfterFinished: {{ $.Values.migrations.ttlSecondsAfterFinished }}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {{ printf "%s-migrate" .name }}
        app.kubernetes.io/instance: {{ $.Release.Name }}
        app.kubernetes.io/component: migration
        app.kubernetes.io/part-of: crm
    spec:
      restartPolicy: Never
      automountServiceAccountToken: false
      enableServiceLinks: false
      securityContext:
        {{- include "crm-lib.podSecurityContext" . | nindent 8 }}
      {{- with $.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: migrate
          image: {{ include "crm-lib.image" . | quote }}
          imagePullPolicy: {{ $.Values.image.pullPolicy }}
          args: [{{ .facts.migrate | quote }}]
          env:
            - name: OTEL_SERVICE_NAME
              value: {{ printf "%s-migrate" .name | quote }}
            {{- include "crm-lib.telemetryEnv" . | indent 12 }}
            {{- include "crm-lib.databaseEnv" . | indent 12 }}
            {{- include "crm-lib.postgresCaEnv" . | indent 12 }}
          resources:
            {{- toYaml $.Values.migrations.resources | nindent 12 }}
          securityContext:
            {{- include "crm-lib.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- include "crm-lib.postgresCaMount" . | nindent 12 }}
      volumes:
        {{- include "crm-lib.tmpVolume" . | nindent 8 }}
        {{- include "crm-lib.postgresCaVolume" . | nindent 8 }}
{{- end -}}
