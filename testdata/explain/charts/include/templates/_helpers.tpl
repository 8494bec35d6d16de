{{- define "include.name" -}}
{{- .Values.name.first | lower -}}
{{- end }}
{{- define "include.labels" -}}
app: {{ include "include.name" . }}
{{- end }}
