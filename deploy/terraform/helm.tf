# The chart, configured with what this module created. Values given in var.helm_values come after these
# and win on conflicts.
resource "helm_release" "spark_relay" {
  count = var.install_chart ? 1 : 0

  name             = var.release_name
  namespace        = var.namespace
  create_namespace = true
  chart            = coalesce(var.chart, "${path.module}/../helm/spark-relay")
  repository       = var.chart_repository
  version          = var.chart_version
  wait             = true
  timeout          = 600

  values = concat([
    yamlencode({
      image = {
        registry = var.image_registry
        tag      = var.image_tag
        flavor   = var.image_flavor
      }
      nats = {
        url = var.nats_url
      }
      argo = {
        workflowNamespace = var.workflow_namespace
      }
      spark = {
        namespaces = var.spark_namespaces
      }
      sqsBridge = {
        queueUrl = aws_sqs_queue.jobs.url
        region   = var.region
        serviceAccount = {
          name    = local.bridge_service_account
          roleArn = aws_iam_role.bridge.arn
        }
      }
    })
  ], var.helm_values)

  # The role's trust and permissions must exist before the bridge first asks STS for credentials.
  depends_on = [aws_iam_role_policy.bridge, aws_sqs_queue_policy.jobs]
}
