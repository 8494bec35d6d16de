{{/*
haproxy.cfg of the HAProxy Deployment. Routing (Kubernetes Reference
Architecture, "Ingress"):
  HTTP/HTTPS path /api/v1/send.json                  -> MTA port 80
  HTTP/HTTPS path /.lets_encrypt_challenge_preflight
             or /.well-known/acme-challenge/         -> TLS port 80 (when deployed)
  SMTP port 587                                      -> MTA port 587
  anything else (SMTP port 25, HTTP/HTTPS)           -> Event Tracker port 80/25
HTTP carries X-Forwarded-For; SMTP carries a PROXY protocol header.
HAProxy listens on unprivileged ports; the ingress Service maps the public ones.
*/}}
{{- define "greenarrow.haproxyCfg" -}}
{{- $ns := .Release.Namespace -}}
{{- $mta := printf "%s-mta.%s.svc.cluster.local" .Release.Name $ns -}}
{{- $et := printf "%s-event-tracker.%s.svc.cluster.local" .Release.Name $ns -}}
{{- $tls := printf "%s-tls.%s.svc.cluster.local" .Release.Name $ns -}}
global
  log stdout format raw local0
  maxconn 20000

defaults
  log global
  option dontlognull
  timeout connect 10s
  timeout client 5m
  timeout server 5m

resolvers kubernetes
  parse-resolv-conf
  hold valid 10s

frontend http
  mode http
  option httplog
  bind :8080
  bind :8443 ssl crt /etc/haproxy/certs/
  option forwardfor
  http-request set-header X-Forwarded-Proto https if { ssl_fc }
  http-request set-header X-Forwarded-Proto http if !{ ssl_fc }
  acl submission_api path_beg /api/v1/send.json
  use_backend mta_http if submission_api
{{- if include "greenarrow.tlsEnabled" . }}
  acl acme_challenge path_beg /.lets_encrypt_challenge_preflight /.well-known/acme-challenge/
  use_backend tls_http if acme_challenge
{{- end }}
  default_backend event_tracker_http

frontend smtp
  mode tcp
  option tcplog
  bind :2525
  default_backend event_tracker_smtp

frontend submission
  mode tcp
  option tcplog
  bind :5870
  default_backend mta_submission

backend mta_http
  mode http
  server mta {{ $mta }}:80 resolvers kubernetes init-addr last,libc,none
{{- if include "greenarrow.tlsEnabled" . }}

backend tls_http
  mode http
  server tls {{ $tls }}:80 resolvers kubernetes init-addr last,libc,none
{{- end }}

backend event_tracker_http
  mode http
  server event-tracker {{ $et }}:80 resolvers kubernetes init-addr last,libc,none

backend event_tracker_smtp
  mode tcp
  server event-tracker {{ $et }}:25 send-proxy resolvers kubernetes init-addr last,libc,none

backend mta_submission
  mode tcp
  server mta {{ $mta }}:587 send-proxy resolvers kubernetes init-addr last,libc,none
{{ end -}}
