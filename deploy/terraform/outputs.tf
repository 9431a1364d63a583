output "queue_url" {
  description = "URL of the job queue: send Spark Relay messages here."
  value       = aws_sqs_queue.jobs.url
}

output "queue_arn" {
  description = "ARN of the job queue (the CloudEvent source of every run)."
  value       = aws_sqs_queue.jobs.arn
}

output "dlq_url" {
  description = "URL of the dead-letter queue (messages the bridge could not hand to JetStream)."
  value       = aws_sqs_queue.dlq.url
}

output "dlq_arn" {
  description = "ARN of the dead-letter queue."
  value       = aws_sqs_queue.dlq.arn
}

output "bridge_role_arn" {
  description = "ARN of the IRSA role of the sqs-bridge (chart value sqsBridge.serviceAccount.roleArn)."
  value       = aws_iam_role.bridge.arn
}

output "bridge_service_account" {
  description = "namespace/name of the ServiceAccount the role trusts."
  value       = "${var.namespace}/${local.bridge_service_account}"
}

output "release_name" {
  description = "Name of the Helm release, or null when install_chart is false."
  value       = var.install_chart ? helm_release.spark_relay[0].name : null
}
