# Spark Relay next to the data-on-eks Spark stack.
#
# Copy this file into the stack's Terraform folder (where module "eks" and the aws/helm providers are
# configured), set `source` to where this repository's deploy/terraform is, then `terraform init -upgrade`
# and `terraform apply`. Names used below that come from the stack: module.eks (terraform-aws-modules/eks)
# and local.region; rename them if your stack differs.

module "spark_relay" {
  # A checkout of this repository next to the stack, or a git source:
  #   source = "git::https://github.com/spark-relay/spark-relay.git//deploy/terraform?ref=v0.1.0"
  source = "../../spark-relay/deploy/terraform"

  name              = "spark-relay"
  region            = local.region
  oidc_provider_arn = module.eks.oidc_provider_arn

  # Who may send job messages: your producers' IAM roles, by name (not the account root).
  sender_principal_arns = var.spark_relay_producer_role_arns

  # The namespaces the stack creates for Argo Workflows and the Spark team.
  workflow_namespace = "argo-workflows"
  spark_namespaces   = ["spark-team-a"]

  # A NATS with JetStream you run (e.g. the NATS Helm chart in namespace nats).
  nats_url = "nats://nats.nats.svc.cluster.local:4222"

  image_registry = "ghcr.io"
  image_flavor   = "native"

  # Anything else the chart takes (see deploy/helm/spark-relay/README.md). The chart refuses to render without
  # NATS credentials: here a Secret you create in the release namespace (see the chart README, "NATS").
  helm_values = [
    yamlencode({
      nats = {
        existingSecret = {
          name        = "spark-relay-nats"
          usernameKey = "username"
          passwordKey = "password"
        }
      }
      serviceMonitor = {
        enabled          = true
        additionalLabels = { release = "kube-prometheus-stack" }
      }
      # Prometheus of the stack scrapes every component (the chart's default namespace selector, shown here).
      networkPolicy = {
        metricsFrom = { matchLabels = { "kubernetes.io/metadata.name" = "kube-prometheus-stack" } }
      }
    })
  ]

  tags = { Blueprint = "spark-relay" }

  # The Argo Workflows and Spark Operator add-ons (and their namespaces) come first.
  depends_on = [module.eks]
}

variable "spark_relay_producer_role_arns" {
  description = "IAM role ARNs of the producers that send Spark Relay job messages, e.g. [\"arn:aws:iam::123456789012:role/orders-producer\"]."
  type        = list(string)
}

output "spark_relay_queue_url" {
  description = "Send Spark Relay job messages here."
  value       = module.spark_relay.queue_url
}

output "spark_relay_bridge_role_arn" {
  description = "IRSA role of the sqs-bridge."
  value       = module.spark_relay.bridge_role_arn
}
