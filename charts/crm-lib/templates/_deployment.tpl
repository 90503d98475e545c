{{/*
A component's Deployment. Readiness is the gRPC health protocol where the component serves gRPC (HTTP /readyz
otherwise; the portal's /healthz), liveness HTTP /healthz (the event loop only), a startupProbe guards slow starts. On SIGTERM the pod first
sleeps preStop seconds (endpoints are removed meanwhile), then the process drains for drainSeconds; the grace period
covers both with a margin.
*/}}
{{- define "crm-lib.deployment" -}}
{{- $v := .values -}}
{{- $ := .root -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "crm-lib.fullname" . }}
  labels:
    {{- include "crm-lib.labels" . | nindent 4 }}
spec:
  {{- if not $v.autoscaling.enabled }}
  replicas: {{ $v.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "crm-lib.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "crm-lib.labels" . | nindent 8 }}
      annotations:
        checksum/config: {{ include "crm-lib.configData" . | sha256sum }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "crm-lib.fullname" . }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      terminationGracePeriodSeconds: {{ add $v.shutdown.preStopSeconds $v.shutdown.drainSeconds 10 }}
      securityContext:
        {{- include "crm-lib.podSecurityContext" . | nindent 8 }}
      {{- with $.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if $.Values.topologySpread.enabled }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: {{ $.Values.topologySpread.zone }}
          labelSelector:
            matchLabels:
              {{- include "crm-lib.selectorLabels" . | nindent 14 }}
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: {{ $.Values.topologySpread.node }}
          labelSelector:
            matchLabels:
              {{- include "crm-lib.selectorLabels" . | nindent 14 }}
      {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .name }}
          image: {{ include "crm-lib.image" . | quote }}
          imagePullPolicy: {{ $.Values.image.pullPolicy }}
          args: [{{ .facts.main | quote }}]
          ports:
            - name: http
              containerPort: {{ $v.ports.http }}
              protocol: TCP
            {{- if .facts.env.grpcPort }}
            - name: grpc
              containerPort: {{ $v.ports.grpc }}
              protocol: TCP
            {{- end }}
            {{- if and $.Values.metrics.enabled (ne .facts.role "web") }}
            - name: metrics
              containerPort: {{ $.Values.metrics.port }}
              protocol: TCP
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ include "crm-lib.fullname" . }}
          {{- $secretEnv := include "crm-lib.secretEnv" . }}
          {{- if trim $secretEnv }}
          env:
            {{- $secretEnv | indent 12 }}
          {{- end }}
          startupProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 2
            failureThreshold: {{ $v.probes.startupFailureThreshold }}
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            {{- if .facts.env.grpcPort }}
            grpc:
              port: {{ $v.ports.grpc }}
            {{- else }}
            httpGet:
              {{- /* The portal depends on nothing at run time: alive is ready. */}}
              path: {{ if eq .facts.role "web" }}/healthz{{ else }}/readyz{{ end }}
              port: http
            {{- end }}
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 2
          lifecycle:
            preStop:
              sleep:
                seconds: {{ $v.shutdown.preStopSeconds }}
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            {{- include "crm-lib.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- include "crm-lib.postgresCaMount" . | nindent 12 }}
            {{- include "crm-lib.attachmentsMount" . | nindent 12 }}
            {{- include "crm-lib.natsCredsMount" . | nindent 12 }}
      volumes:
        {{- include "crm-lib.tmpVolume" . | nindent 8 }}
        {{- include "crm-lib.postgresCaVolume" . | nindent 8 }}
        {{- include "crm-lib.attachmentsVolume" . | nindent 8 }}
        {{- include "crm-lib.natsCredsVolume" . | nindent 8 }}
{{- end -}}
