{{- define "utdemo.fullname" -}}
{{ .Release.Name }}-{{ .Chart.Name }}
{{- end -}}
