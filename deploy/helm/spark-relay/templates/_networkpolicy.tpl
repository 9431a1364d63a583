{{/*
NetworkPolicy of one component: ingress on the `http` port only from the peers named here, every other
ingress dropped once a CNI enforces NetworkPolicy. Egress is left open (see the chart README's "Security").
Argument dict:
  root       the root context
  component  the component name
  values     the component's values (reads .networkPolicy.enabled and .networkPolicy.extraFrom)
  from       NetworkPolicyPeer list (YAML as a string) the component needs besides metrics; may be empty
*/}}
{{- define "spark-relay.networkPolicy" -}}
{{- $np := .root.Values.networkPolicy -}}
{{- if .values.networkPolicy.enabled -}}
{{- $peers := list -}}
{{- with .from }}{{ $peers = concat $peers (fromYamlArray .) }}{{ end -}}
{{- with .values.networkPolicy.extraFrom }}{{ $peers = concat $peers . }}{{ end -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "spark-relay.componentName" . }}
  namespace: {{ .root.Release.Namespace | quote }}
  labels:
    {{- include "spark-relay.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "spark-relay.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
  {{- if or $np.metricsFrom $peers }}
  ingress:
    {{- with $np.metricsFrom }}
    # Prometheus scrapes /q/metrics (the same port also serves health and any REST API).
    - from:
        - namespaceSelector:
            {{- toYaml . | nindent 12 }}
          {{- with $np.metricsPodSelector }}
          podSelector:
            {{- toYaml . | nindent 12 }}
          {{- end }}
      ports:
        - port: http
          protocol: TCP
    {{- end }}
    {{- with $peers }}
    - from:
        {{- toYaml . | nindent 8 }}
      ports:
        - port: http
          protocol: TCP
    {{- end }}
  {{- else }}
  # Nothing may connect: the kubelet's probes come from the node, which CNIs let through.
  ingress: []
  {{- end }}
{{- end -}}
{{- end -}}
