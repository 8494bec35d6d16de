{{/* Chart name, truncated to the 63 characters Kubernetes names allow. */}}
{{- define "smtp-server.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name: release name, plus the chart name unless the release already contains it. */}}
{{- define "smtp-server.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "smtp-server.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "smtp-server.selectorLabels" -}}
app.kubernetes.io/name: {{ include "smtp-server.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "smtp-server.labels" -}}
helm.sh/chart: {{ include "smtp-server.chart" . }}
{{ include "smtp-server.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "smtp-server.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "smtp-server.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Secret holding the SMTP_* environment secrets. */}}
{{- define "smtp-server.secretName" -}}
{{- default (printf "%s-secrets" (include "smtp-server.fullname" .)) .Values.secrets.existingSecret }}
{{- end }}

{{/* Secret holding the TLS certificate. */}}
{{- define "smtp-server.tlsSecretName" -}}
{{- default (printf "%s-tls" (include "smtp-server.fullname" .)) .Values.tls.existingSecret }}
{{- end }}

{{- define "smtp-server.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* A TOML value: strings quoted, integral numbers without exponent, lists inline. */}}
{{- define "smtp-server.tomlValue" -}}
{{- if kindIs "string" . }}{{ quote . }}
{{- else if kindIs "float64" . }}{{ if eq . (floor .) }}{{ int64 . }}{{ else }}{{ . }}{{ end }}
{{- else if kindIs "slice" . }}[{{ range $i, $e := . }}{{ if $i }}, {{ end }}{{ include "smtp-server.tomlValue" $e }}{{ end }}]
{{- else }}{{ . }}
{{- end }}
{{- end }}
