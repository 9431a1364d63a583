{{/*
Names. A release called "spark-relay" gives resources named "spark-relay-<component>"; any other release
name is used as a prefix ("<release>-spark-relay-<component>"). Kept at 63 characters or less.
*/}}
{{- define "spark-relay.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "spark-relay.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Name of one component's objects: (dict "root" $ "component" "spark-submitter") */}}
{{- define "spark-relay.componentName" -}}
{{- printf "%s-%s" (include "spark-relay.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "spark-relay.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select one component's pods: (dict "root" $ "component" "...") */}}
{{- define "spark-relay.selectorLabels" -}}
app.kubernetes.io/name: {{ include "spark-relay.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Every label of a component's object: (dict "root" $ "component" "...") */}}
{{- define "spark-relay.labels" -}}
helm.sh/chart: {{ include "spark-relay.chart" .root }}
{{ include "spark-relay.selectorLabels" . }}
app.kubernetes.io/part-of: spark-relay
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Service account of a component: (dict "root" $ "component" "..." "values" .Values.<component>) */}}
{{- define "spark-relay.serviceAccountName" -}}
{{- if .values.serviceAccount.create -}}
{{- default (include "spark-relay.componentName" .) .values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
Image reference of a component. The tag is the component's own, else image.tag, else the chart's appVersion;
the native flavour adds "-native" to a tag it computed (never to a tag the user wrote on the component).
*/}}
{{- define "spark-relay.image" -}}
{{- $global := .root.Values.image -}}
{{- $image := .values.image -}}
{{- $repository := $image.repository -}}
{{- with $global.registry }}{{ $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}{{ end -}}
{{- if $image.digest -}}
{{- printf "%s@%s" $repository $image.digest -}}
{{- else if $image.tag -}}
{{- printf "%s:%s" $repository $image.tag -}}
{{- else -}}
{{- $tag := default .root.Chart.AppVersion $global.tag -}}
{{- if eq $global.flavor "native" }}{{ $tag = printf "%s-native" $tag }}{{ end -}}
{{- printf "%s:%s" $repository $tag -}}
{{- end -}}
{{- end -}}

{{/* A relay.* (or quarkus.*) key as the environment variable Quarkus maps to it: relay.sqs.queue-url -> RELAY_SQS_QUEUE_URL */}}
{{- define "spark-relay.envName" -}}
{{- regexReplaceAll "[^A-Za-z0-9]" . "_" | upper -}}
{{- end -}}

{{/* Name of the Secret holding NATS credentials (the user's, or the one this chart writes) */}}
{{- define "spark-relay.natsSecretName" -}}
{{- if .Values.nats.existingSecret.name -}}
{{- .Values.nats.existingSecret.name -}}
{{- else -}}
{{- printf "%s-nats" (include "spark-relay.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* True (non-empty) when this chart writes a NATS Secret from values */}}
{{- define "spark-relay.natsSecretFromValues" -}}
{{- if and (not .Values.nats.existingSecret.name) (or .Values.nats.auth.token .Values.nats.auth.username .Values.nats.auth.password) -}}
true
{{- end -}}
{{- end -}}

{{/* Namespaces the status-reporter watches: the workflow namespace and every data namespace, once each */}}
{{- define "spark-relay.dataNamespaces" -}}
{{- join "," (uniq .Values.spark.namespaces) -}}
{{- end -}}

{{/*
nats.replicas, checked: JetStream keeps 1 to 5 copies of a stream; anything else would only fail at a
service's start-up, when it creates its streams.
*/}}
{{- define "spark-relay.natsReplicas" -}}
{{- $replicas := toString .Values.nats.replicas -}}
{{- if not (has $replicas (list "1" "2" "3" "4" "5")) -}}
{{- fail (printf "nats.replicas must be 1 to 5 (JetStream keeps at most 5 copies of a stream, and at most as many as it has nodes): 3 for a three-node JetStream cluster, 1 for a single nats-server; got %s" $replicas) -}}
{{- end -}}
{{- $replicas -}}
{{- end -}}

{{/*
NATS environment of one service: address, credentials (its own user when nats.users.existingSecret is set,
else the shared nats.existingSecret / nats.auth), TLS (nats.tls), stream management and replicas.
Argument dict: root (the root context), component (sqs-bridge, workflow-launcher, ...).
*/}}
{{- define "spark-relay.natsEnv" -}}
{{- $component := .component -}}
{{- with .root -}}
- name: RELAY_NATS_URL
  value: {{ required "nats.url is required" .Values.nats.url | quote }}
- name: RELAY_NATS_MANAGE_STREAMS
  value: {{ .Values.nats.manageStreams | quote }}
- name: RELAY_NATS_REPLICAS
  value: {{ include "spark-relay.natsReplicas" . | quote }}
{{- $secret := include "spark-relay.natsSecretName" . }}
{{- $users := .Values.nats.users | default dict }}
{{- if $users.existingSecret }}
- name: RELAY_NATS_USERNAME
  value: {{ required (printf "nats.users.usernames.%s is required with nats.users.existingSecret" $component) (index ($users.usernames | default dict) $component) | quote }}
- name: RELAY_NATS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $users.existingSecret }}
      key: {{ required (printf "nats.users.passwordKeys.%s is required with nats.users.existingSecret" $component) (index ($users.passwordKeys | default dict) $component) }}
{{- else if .Values.nats.existingSecret.name }}
{{- with .Values.nats.existingSecret.tokenKey }}
- name: RELAY_NATS_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ . }}
{{- end }}
{{- with .Values.nats.existingSecret.usernameKey }}
- name: RELAY_NATS_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ . }}
{{- end }}
{{- with .Values.nats.existingSecret.passwordKey }}
- name: RELAY_NATS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ . }}
{{- end }}
{{- with .Values.nats.existingSecret.credentialsKey }}
- name: RELAY_NATS_CREDENTIALS_FILE
  value: /etc/spark-relay/nats/{{ . }}
{{- end }}
{{- else if include "spark-relay.natsSecretFromValues" . }}
{{- if .Values.nats.auth.token }}
- name: RELAY_NATS_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: token
{{- end }}
{{- if .Values.nats.auth.username }}
- name: RELAY_NATS_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: username
{{- end }}
{{- if .Values.nats.auth.password }}
- name: RELAY_NATS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: password
{{- end }}
{{- end }}
{{- $tls := .Values.nats.tls | default dict }}
{{- if $tls.caSecret }}
- name: RELAY_NATS_TLS_CA_FILE
  value: /etc/spark-relay/nats-tls/{{ required "nats.tls.caKey is required with nats.tls.caSecret" $tls.caKey }}
{{- if or $tls.certKey $tls.keyKey }}
- name: RELAY_NATS_TLS_CERT_FILE
  value: /etc/spark-relay/nats-tls/{{ required "nats.tls.certKey is required with nats.tls.keyKey" $tls.certKey }}
- name: RELAY_NATS_TLS_KEY_FILE
  value: /etc/spark-relay/nats-tls/{{ required "nats.tls.keyKey is required with nats.tls.certKey" $tls.keyKey }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
Deployment of one service. Argument dict:
  root       the root context
  component  the component name (sqs-bridge, workflow-launcher, spark-submitter, status-reporter)
  values     the component's values
  env        extra env entries (YAML list as a string) specific to the component
  envFrom    names of ConfigMaps whose keys become env variables
  files      list of dicts {volume, configMap, mountPath} mounted read-only
  checksum   text whose sha256 goes into the checksum/config annotation
*/}}
{{- define "spark-relay.deployment" -}}
{{- $root := .root -}}
{{- $v := .values -}}
{{- $ctx := dict "root" $root "component" .component "values" $v -}}
{{- $credentialsKey := $root.Values.nats.existingSecret.credentialsKey -}}
{{- $useCreds := and $root.Values.nats.existingSecret.name $credentialsKey -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "spark-relay.componentName" $ctx }}
  namespace: {{ $root.Release.Namespace | quote }}
  labels:
    {{- include "spark-relay.labels" $ctx | nindent 4 }}
  {{- with $v.deploymentAnnotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- if not ($v.autoscaling | default dict).enabled }}
  replicas: {{ $v.replicas }}
  {{- end }}
  revisionHistoryLimit: {{ $root.Values.revisionHistoryLimit }}
  selector:
    matchLabels:
      {{- include "spark-relay.selectorLabels" $ctx | nindent 6 }}
  {{- with $v.strategy }}
  strategy:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  template:
    metadata:
      labels:
        {{- include "spark-relay.labels" $ctx | nindent 8 }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ .checksum | sha256sum }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "spark-relay.serviceAccountName" $ctx }}
      automountServiceAccountToken: {{ $v.automountServiceAccountToken }}
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .component }}
          image: {{ include "spark-relay.image" $ctx | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          {{- with $v.args }}
          args:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          ports:
            - name: http
              containerPort: {{ $root.Values.containerPort }}
              protocol: TCP
          env:
            - name: QUARKUS_HTTP_PORT
              value: {{ $root.Values.containerPort | quote }}
            {{- include "spark-relay.natsEnv" (dict "root" $root "component" .component) | nindent 12 }}
            {{- with .env }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- range $key, $value := $v.config }}
            - name: {{ include "spark-relay.envName" $key }}
              value: {{ $value | toString | quote }}
            {{- end }}
            {{- with $v.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- if or .envFrom $v.extraEnvFrom }}
          envFrom:
            {{- range .envFrom }}
            - configMapRef:
                name: {{ . }}
            {{- end }}
            {{- with $v.extraEnvFrom }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- end }}
          {{- with $v.startupProbe }}
          startupProbe:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          livenessProbe:
            {{- toYaml $v.livenessProbe | nindent 12 }}
          readinessProbe:
            {{- toYaml $v.readinessProbe | nindent 12 }}
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- range .files }}
            - name: {{ .volume }}
              mountPath: {{ .mountPath }}
              readOnly: true
            {{- end }}
            {{- if $useCreds }}
            - name: nats-credentials
              mountPath: /etc/spark-relay/nats
              readOnly: true
            {{- end }}
            {{- if ($root.Values.nats.tls | default dict).caSecret }}
            - name: nats-tls
              mountPath: /etc/spark-relay/nats-tls
              readOnly: true
            {{- end }}
            {{- with $v.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        # Quarkus and the JVM write temporary files; the root filesystem stays read-only.
        - name: tmp
          emptyDir:
            sizeLimit: {{ $root.Values.tmpSizeLimit }}
        {{- range .files }}
        - name: {{ .volume }}
          configMap:
            name: {{ .configMap }}
        {{- end }}
        {{- if $useCreds }}
        - name: nats-credentials
          secret:
            secretName: {{ $root.Values.nats.existingSecret.name }}
            items:
              - key: {{ $credentialsKey }}
                path: {{ $credentialsKey }}
        {{- end }}
        {{- with ($root.Values.nats.tls | default dict).caSecret }}
        - name: nats-tls
          secret:
            secretName: {{ . }}
        {{- end }}
        {{- with $v.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with (include "spark-relay.topologySpread" $ctx | fromYamlArray) }}
      topologySpreadConstraints:
        {{- range . }}
        - {{ toYaml . | nindent 10 | trim }}
          {{- if not .labelSelector }}
          labelSelector:
            matchLabels:
              {{- include "spark-relay.selectorLabels" $ctx | nindent 14 }}
          {{- end }}
        {{- end }}
      {{- end }}
{{- end -}}

{{/*
Topology spread constraints of a component, as a YAML list: its own topologySpreadConstraints, else (unless its
affinity has a podAntiAffinity of its own) one preferred constraint per defaultTopologySpread.topologyKeys.
Argument dict: root, component, values.
*/}}
{{- define "spark-relay.topologySpread" -}}
{{- $v := .values -}}
{{- $spread := $v.topologySpreadConstraints | default list -}}
{{- $defaults := .root.Values.defaultTopologySpread | default dict -}}
{{- if and (not $spread) $defaults.enabled (not ($v.affinity | default dict).podAntiAffinity) -}}
{{- range $defaults.topologyKeys -}}
{{- $spread = append $spread (dict "maxSkew" 1 "topologyKey" . "whenUnsatisfiable" "ScheduleAnyway" "matchLabelKeys" (list "pod-template-hash")) -}}
{{- end -}}
{{- end -}}
{{- toYaml $spread -}}
{{- end -}}

{{/* ServiceAccount of a component: (dict "root" $ "component" "..." "values" ... ["extraAnnotations" dict]) */}}
{{- define "spark-relay.serviceAccount" -}}
{{- if .values.serviceAccount.create -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "spark-relay.serviceAccountName" . }}
  namespace: {{ .root.Release.Namespace | quote }}
  labels:
    {{- include "spark-relay.labels" . | nindent 4 }}
  {{- $annotations := merge (dict) (default (dict) .extraAnnotations) (default (dict) .values.serviceAccount.annotations) }}
  {{- with $annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
# Pods opt in to a token themselves (automountServiceAccountToken in each component's values).
automountServiceAccountToken: false
{{- end -}}
{{- end -}}

{{/* Service of a component: (dict "root" $ "component" "..." "values" ...) */}}
{{- define "spark-relay.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "spark-relay.componentName" . }}
  namespace: {{ .root.Release.Namespace | quote }}
  labels:
    {{- include "spark-relay.labels" . | nindent 4 }}
  {{- with .values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .values.service.type }}
  ports:
    - name: http
      port: {{ .values.service.port }}
      targetPort: http
      protocol: TCP
  selector:
    {{- include "spark-relay.selectorLabels" . | nindent 4 }}
{{- end -}}

{{/* PodDisruptionBudget of a component: (dict "root" $ "component" "..." "values" ...) */}}
{{- define "spark-relay.pdb" -}}
{{- /* Only where the component can have two pods or more: with one, a budget either blocks every node drain or allows everything. */ -}}
{{- $autoscaling := .values.autoscaling | default dict -}}
{{- $mostPods := int .values.replicas -}}
{{- if $autoscaling.enabled }}{{ $mostPods = int $autoscaling.maxReplicas }}{{ end -}}
{{- if and .values.pdb.enabled (gt $mostPods 1) -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "spark-relay.componentName" . }}
  namespace: {{ .root.Release.Namespace | quote }}
  labels:
    {{- include "spark-relay.labels" . | nindent 4 }}
spec:
  {{- if not (kindIs "invalid" .values.pdb.minAvailable) }}
  minAvailable: {{ .values.pdb.minAvailable }}
  {{- else }}
  maxUnavailable: {{ .values.pdb.maxUnavailable }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "spark-relay.selectorLabels" . | nindent 6 }}
{{- end -}}
{{- end -}}

{{/*
KEDA ScaledObject of a component, one prometheus trigger on a gauge the component exports, when
<component>.autoscaling.enabled. Argument dict: root, component, values, valuesKey (for messages), trigger (its name).
*/}}
{{- define "spark-relay.scaledObject" -}}
{{- $a := .values.autoscaling -}}
{{- if $a.enabled -}}
{{- if lt (int $a.minReplicas) 1 -}}
{{- fail (printf "%s.autoscaling.minReplicas must be 1 or more: the trigger reads a gauge the %s itself exports, so at zero replicas KEDA would never scale it up again" .valuesKey .component) -}}
{{- end -}}
{{- if lt (int $a.maxReplicas) (int $a.minReplicas) -}}
{{- fail (printf "%s.autoscaling.maxReplicas must not be below minReplicas" .valuesKey) -}}
{{- end -}}
{{- $name := include "spark-relay.componentName" . -}}
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: {{ $name }}
  namespace: {{ .root.Release.Namespace | quote }}
  labels:
    {{- include "spark-relay.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $name }}
  minReplicaCount: {{ int $a.minReplicas }}
  maxReplicaCount: {{ int $a.maxReplicas }}
  pollingInterval: {{ int $a.pollingInterval }}
  triggers:
    - type: prometheus
      name: {{ .trigger }}
      metadata:
        serverAddress: {{ required "keda.prometheusAddress is required with autoscaling" .root.Values.keda.prometheusAddress | quote }}
        query: {{ tpl $a.query .root | quote }}
        threshold: {{ $a.threshold | toString | quote }}
{{- end -}}
{{- end -}}

{{/* ServiceMonitor of a component, when both the chart-wide and the component's switch are on */}}
{{- define "spark-relay.serviceMonitor" -}}
{{- $sm := .root.Values.serviceMonitor -}}
{{- if and $sm.enabled .values.serviceMonitor.enabled -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "spark-relay.componentName" . }}
  namespace: {{ default .root.Release.Namespace $sm.namespace | quote }}
  labels:
    {{- include "spark-relay.labels" . | nindent 4 }}
    {{- with $sm.additionalLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  endpoints:
    - port: http
      path: /q/metrics
      {{- with $sm.interval }}
      interval: {{ . }}
      {{- end }}
      {{- with $sm.scrapeTimeout }}
      scrapeTimeout: {{ . }}
      {{- end }}
      {{- with $sm.relabelings }}
      relabelings:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $sm.metricRelabelings }}
      metricRelabelings:
        {{- toYaml . | nindent 8 }}
      {{- end }}
  namespaceSelector:
    matchNames:
      - {{ .root.Release.Namespace | quote }}
  selector:
    matchLabels:
      {{- include "spark-relay.selectorLabels" . | nindent 6 }}
{{- end -}}
{{- end -}}

{{/*
A Role in one namespace and the RoleBinding that gives it to the component's ServiceAccount, and nothing else.
Argument dict: root, component, values, namespace, rules (YAML list as a string).
*/}}
{{- define "spark-relay.namespacedRole" -}}
{{- $name := include "spark-relay.componentName" . -}}
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {{ $name }}
  namespace: {{ .namespace | quote }}
  labels:
    {{- include "spark-relay.labels" . | nindent 4 }}
rules:
  {{- .rules | trim | nindent 2 }}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {{ $name }}
  namespace: {{ .namespace | quote }}
  labels:
    {{- include "spark-relay.labels" . | nindent 4 }}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {{ $name }}
subjects:
  - kind: ServiceAccount
    name: {{ include "spark-relay.serviceAccountName" . }}
    namespace: {{ .root.Release.Namespace | quote }}
{{- end -}}

{{/* The name of the SQS queue the bridge drains: queueName, or the last segment of queueUrl when that is set */}}
{{- define "spark-relay.queueName" -}}
{{- if .Values.sqsBridge.queueUrl -}}
{{- .Values.sqsBridge.queueUrl | trimSuffix "/" | splitList "/" | last -}}
{{- else -}}
{{- .Values.sqsBridge.queueName -}}
{{- end -}}
{{- end }}
