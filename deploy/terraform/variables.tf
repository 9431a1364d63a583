variable "name" {
  description = "Prefix of every AWS resource this module creates (queue, dead-letter queue, IAM role)."
  type        = string
  default     = "spark-relay"

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,60}$", var.name))
    error_message = "name must be 1-60 letters, digits, '-' or '_' (it prefixes SQS queue names)."
  }
}

variable "region" {
  description = "AWS region of the cluster and the queues (the bridge's SQS client region)."
  type        = string
}

variable "tags" {
  description = "Tags added to every AWS resource."
  type        = map(string)
  default     = {}
}

# --- SQS -------------------------------------------------------------------------------------------

variable "queue_name" {
  description = "Name of the job queue; empty for \"<name>-jobs\"."
  type        = string
  default     = ""
}

variable "visibility_timeout_seconds" {
  description = "How long a received message stays hidden. The bridge publishes and deletes well within it; keep the chart's relay.sqs.visibility-timeout-seconds (30 by default) equal or lower."
  type        = number
  default     = 60
}

variable "message_retention_seconds" {
  description = "How long the job queue keeps an unreceived message (default 4 days)."
  type        = number
  default     = 345600
}

variable "max_receive_count" {
  description = "Receives after which SQS moves a message the bridge could not hand to JetStream to the dead-letter queue."
  type        = number
  default     = 5
}

variable "dlq_message_retention_seconds" {
  description = "How long the dead-letter queue keeps a message (default and maximum 14 days)."
  type        = number
  default     = 1209600
}

variable "kms_master_key_id" {
  description = "ARN of the KMS key (arn:aws:kms:<region>:<account>:key/<key id>) encrypting both queues; null uses SQS-managed encryption (SSE-SQS). An alias or a bare key id is refused: the bridge's kms:Decrypt grant names this value as its resource, and IAM matches only key ARNs there."
  type        = string
  default     = null

  validation {
    condition     = var.kms_master_key_id == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_master_key_id))
    error_message = "kms_master_key_id must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), not an alias or a key id: the bridge's kms:Decrypt grant would match no key and it could not read the queue."
  }
}

variable "sender_principal_arns" {
  description = "ARNs of the IAM roles (or users) of the producers allowed to send messages to the job queue. An account root or \"*\" is refused: name the producers."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.sender_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/.+$", arn))])
    error_message = "sender_principal_arns must be IAM role or user ARNs (arn:aws:iam::<account>:role/<name>), not an account root or \"*\"."
  }
}

# --- IRSA ------------------------------------------------------------------------------------------

variable "oidc_provider_arn" {
  description = "ARN of the cluster's IAM OIDC provider (data-on-eks: module.eks.oidc_provider_arn)."
  type        = string
}

variable "namespace" {
  description = "Kubernetes namespace of the Helm release (and of the bridge's ServiceAccount)."
  type        = string
  default     = "spark-relay"
}

variable "bridge_service_account" {
  description = "Name of the bridge's ServiceAccount; empty for the chart's default \"<release>-sqs-bridge\" (\"spark-relay-sqs-bridge\" for release spark-relay)."
  type        = string
  default     = ""
}

variable "permissions_boundary_arn" {
  description = "Permissions boundary of the bridge's IAM role, where the account requires one."
  type        = string
  default     = null
}

# --- Helm release ----------------------------------------------------------------------------------

variable "install_chart" {
  description = "Install the chart with helm_release; false to only create the AWS side and install the chart yourself."
  type        = bool
  default     = true
}

variable "release_name" {
  description = "Helm release name."
  type        = string
  default     = "spark-relay"
}

variable "chart" {
  description = "Chart to install: a local path (default: the chart in this repository) or a chart name in chart_repository."
  type        = string
  default     = null
}

variable "chart_repository" {
  description = "Helm repository (https:// or oci://) of the chart; null when chart is a local path."
  type        = string
  default     = null
}

variable "chart_version" {
  description = "Chart version when installing from a repository."
  type        = string
  default     = null
}

variable "image_registry" {
  description = "Registry of the Spark Relay images (chart value image.registry)."
  type        = string
  default     = "ghcr.io"
}

variable "image_tag" {
  description = "Tag of the Spark Relay images; empty for the chart's appVersion (chart value image.tag)."
  type        = string
  default     = ""
}

variable "image_flavor" {
  description = "jvm or native images (chart value image.flavor)."
  type        = string
  default     = "jvm"

  validation {
    condition     = contains(["jvm", "native"], var.image_flavor)
    error_message = "image_flavor must be \"jvm\" or \"native\"."
  }
}

variable "nats_url" {
  description = "NATS with JetStream the services use (chart value nats.url). Credentials are required by the chart: set nats.existingSecret (or nats.auth) through helm_values."
  type        = string
  default     = "nats://nats.nats.svc.cluster.local:4222"
}

variable "workflow_namespace" {
  description = "Namespace where Argo Workflows runs the Spark Relay Workflows (data-on-eks: argo-workflows)."
  type        = string
  default     = "argo-workflows"
}

variable "spark_namespaces" {
  description = "Namespaces where SparkApplications are created (data-on-eks: spark-team-a)."
  type        = list(string)
  default     = ["spark-team-a"]
}

variable "helm_values" {
  description = "More values files (YAML strings) for the release, applied after the module's own."
  type        = list(string)
  default     = []
}
