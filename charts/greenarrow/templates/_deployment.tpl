{{/*
One GreenArrow Deployment (MTA, Event Tracker or TLS):
(dict "root" $ "role" "mta" "replicas" N "grace" SECONDS)
*/}}
{{- define "greenarrow.deployment" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $role := .role -}}
{{- $name := printf "%s-%s" $root.Release.Name $role -}}
{{- $ctx := dict "root" $root "role" $role -}}
{{- $sizes := splitList " " (include "greenarrow.queueSizes" $ctx) -}}
{{- $isMta := eq $role "mta" -}}
{{- $https := "" -}}
{{- $drain := "" -}}
{{- if not $v.validator -}}
{{- $https = include "greenarrow.httpsClaim" $root -}}
{{- if $isMta -}}
{{- $drain = include "greenarrow.drainClaim" $root -}}
{{- end -}}
{{- end -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "greenarrow.labels" $ctx | nindent 4 }}
spec:
  replicas: {{ .replicas }}
  {{- if eq $role "tls" }}
  strategy:
    type: Recreate
  {{- else }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 25%
      maxSurge: 25%
  {{- end }}
  selector:
    matchLabels:
      {{- include "greenarrow.selectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "greenarrow.labels" $ctx | nindent 8 }}
    spec:
      terminationGracePeriodSeconds: {{ .grace }}
      enableServiceLinks: false
      containers:
        - name: greenarrow
          image: {{ include "greenarrow.image" $ctx | quote }}
          imagePullPolicy: {{ $v.imagePullPolicy }}
          env:
            - name: GREENARROW_ROLE
              value: {{ $role | quote }}
            - name: GREENARROW_VALIDATOR
              value: {{ ternary "yes" "no" (eq (toString $v.validator) "true") | quote }}
            - name: GREENARROW_CONFIG_DIR
              value: /etc/greenarrow/config
            - name: GREENARROW_SECRET_DIR
              value: /etc/greenarrow/secret
            {{- if $isMta }}
            - name: GREENARROW_DRAIN_DESTINATION
              value: {{ printf "%s-mta.%s.svc.cluster.local" $root.Release.Name $root.Release.Namespace | quote }}
            {{- end }}
            {{- if $drain }}
            - name: GREENARROW_DRAIN_FALLBACK_DIR
              value: /var/hvmail/drain-fallback
            - name: GREENARROW_DRAIN_FALLBACK_AFTER_SECONDS
              value: {{ int64 $v.mtaDrainFallbackAfterSeconds | quote }}
            {{- end }}
          ports:
            - name: smtp
              containerPort: 25
            {{- if $isMta }}
            - name: submission
              containerPort: 587
            {{- end }}
            - name: http
              containerPort: 80
            {{- if include "greenarrow.prometheusEnabled" $root }}
            - name: metrics
              containerPort: 9100
            {{- end }}
          readinessProbe:
            exec:
              command:
                - /bin/sh
                - -c
                - nc -z 127.0.0.1 25 && nc -z 127.0.0.1 80 && /var/hvmail/bin/redis-cli ping
            initialDelaySeconds: 5
            periodSeconds: 5
          resources:
            {{- include "greenarrow.resources" $ctx | nindent 12 }}
          volumeMounts:
            - name: config
              mountPath: /etc/greenarrow/config
              readOnly: true
            - name: secret
              mountPath: /etc/greenarrow/secret
              readOnly: true
            - name: ram-queue-volume
              mountPath: /var/hvmail/queue/ram
            - name: bounce-queue-volume
              mountPath: /var/hvmail/queue/bounce
            {{- if $https }}
            - name: https-tls-cert
              mountPath: /var/hvmail/tls-certs
              {{- if ne $role "tls" }}
              readOnly: true
              {{- end }}
            {{- end }}
            {{- if $drain }}
            - name: drain-fallback
              mountPath: /var/hvmail/drain-fallback
            {{- end }}
      volumes:
        - name: config
          configMap:
            name: {{ $name }}-config
        - name: secret
          secret:
            secretName: {{ $root.Release.Name }}-secret
        - name: ram-queue-volume
          emptyDir:
            medium: Memory
            sizeLimit: {{ index $sizes 0 }}
        - name: bounce-queue-volume
          emptyDir:
            medium: Memory
            sizeLimit: {{ index $sizes 1 }}
        {{- if $https }}
        - name: https-tls-cert
          persistentVolumeClaim:
            claimName: {{ $https }}
        {{- end }}
        {{- if $drain }}
        - name: drain-fallback
          persistentVolumeClaim:
            claimName: {{ $drain }}
        {{- end }}
{{- end -}}
