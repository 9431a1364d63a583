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

  # Who may send job messages (your producers' roles); the account root lets IAM policies decide.
  sender_principal_arns = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]

  # The namespaces the stack creates for Argo Workflows and the Spark team.
  workflow_namespace = "argo-workflows"
  spark_namespaces   = ["spark-team-a"]

  # A NATS with JetStream you run (e.g. the NATS Helm chart in namespace nats).
  nats_url = "nats://nats.nats.svc.cluster.local:4222"

  image_registry = "ghcr.io"
  image_flavor   = "native"

  # Anything else the chart takes (see deploy/helm/spark-relay/README.md).
  helm_values = [
    yamlencode({
      serviceMonitor = {
        enabled          = true
        additionalLabels = { release = "kube-prometheus-stack" }
      }
      sparkSubmitter = {
        networkPolicy = {
          extraFrom = [{
            namespaceSelector = { matchLabels = { "kubernetes.io/metadata.name" = "kube-prometheus-stack" } }
          }]
        }
      }
    })
  ]

  tags = { Blueprint = "spark-relay" }

  # The Argo Workflows and Spark Operator add-ons (and their namespaces) come first.
  depends_on = [module.eks]
}

# Present in most stacks already; drop it if yours has one.
data "aws_caller_identity" "current" {}

output "spark_relay_queue_url" {
  description = "Send Spark Relay job messages here."
  value       = module.spark_relay.queue_url
}

output "spark_relay_bridge_role_arn" {
  description = "IRSA role of the sqs-bridge."
  value       = module.spark_relay.bridge_role_arn
}
