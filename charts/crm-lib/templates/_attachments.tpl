{{/*
A component's shared file storage (facts.env.attachmentDir: service-ticket's attachments), mounted at
attachments.mountPath: the ReadWriteMany claim attachments.existingClaim, else an emptyDir (lost with the pod, not
shared between replicas: development only).
*/}}
{{- define "crm-lib.attachmentsMount" -}}
{{- if .facts.env.attachmentDir }}
- name: attachments
  mountPath: {{ .values.attachments.mountPath }}
{{- end }}
{{- end -}}

{{- define "crm-lib.attachmentsVolume" -}}
{{- if .facts.env.attachmentDir }}
- name: attachments
  {{- if .values.attachments.existingClaim }}
  persistentVolumeClaim:
    claimName: {{ .values.attachments.existingClaim }}
  {{- else }}
  emptyDir:
    sizeLimit: {{ .values.attachments.sizeLimit }}
  {{- end }}
{{- end }}
{{- end -}}
