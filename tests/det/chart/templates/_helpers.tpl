{{- define "det.password" -}}
{{ randAlphaNum 20 }}
{{- end }}
