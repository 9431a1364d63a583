locals {
  queue_name  = var.queue_name != "" ? var.queue_name : "${var.name}-jobs"
  dlq_name    = "${local.queue_name}-dlq"
  oidc_issuer = replace(var.oidc_provider_arn, "/^arn:[^:]+:iam::[0-9]+:oidc-provider\\//", "")

  # The chart names the bridge's ServiceAccount "<fullname>-sqs-bridge"; a release whose name contains
  # "spark-relay" has fullname = release name.
  chart_fullname         = strcontains(var.release_name, "spark-relay") ? var.release_name : "${var.release_name}-spark-relay"
  bridge_service_account = var.bridge_service_account != "" ? var.bridge_service_account : "${local.chart_fullname}-sqs-bridge"
}

data "aws_partition" "current" {}

# --- Queues ----------------------------------------------------------------------------------------

resource "aws_sqs_queue" "dlq" {
  name                      = local.dlq_name
  message_retention_seconds = var.dlq_message_retention_seconds
  sqs_managed_sse_enabled   = var.kms_master_key_id == null ? true : null
  kms_master_key_id         = var.kms_master_key_id
  tags                      = var.tags
}

resource "aws_sqs_queue" "jobs" {
  name                       = local.queue_name
  visibility_timeout_seconds = var.visibility_timeout_seconds
  message_retention_seconds  = var.message_retention_seconds
  receive_wait_time_seconds  = 20
  sqs_managed_sse_enabled    = var.kms_master_key_id == null ? true : null
  kms_master_key_id          = var.kms_master_key_id

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = var.max_receive_count
  })

  tags = var.tags
}

# Only the job queue may use the dead-letter queue.
resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  queue_url = aws_sqs_queue.dlq.id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.jobs.arn]
  })
}

data "aws_iam_policy_document" "queue" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.jobs.arn]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  statement {
    sid       = "BridgeConsumes"
    effect    = "Allow"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.jobs.arn]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.bridge.arn]
    }
  }

  dynamic "statement" {
    for_each = length(var.sender_principal_arns) > 0 ? [1] : []
    content {
      sid       = "SendersSend"
      effect    = "Allow"
      actions   = ["sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"]
      resources = [aws_sqs_queue.jobs.arn]
      principals {
        type        = "AWS"
        identifiers = var.sender_principal_arns
      }
    }
  }
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy    = data.aws_iam_policy_document.queue.json
}

# The dead-letter queue holds the same messages: the same TLS-only rule. Nobody else is granted anything here;
# operators read it through their IAM policies.
data "aws_iam_policy_document" "dlq" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [aws_sqs_queue.dlq.arn]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sqs_queue_policy" "dlq" {
  queue_url = aws_sqs_queue.dlq.id
  policy    = data.aws_iam_policy_document.dlq.json
}

# --- IRSA role of the bridge -----------------------------------------------------------------------

data "aws_iam_policy_document" "bridge_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:sub"
      values   = ["system:serviceaccount:${var.namespace}:${local.bridge_service_account}"]
    }
    condition {
      test     = "StringEquals"
      variable = "${local.oidc_issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "bridge" {
  name                 = "${var.name}-sqs-bridge"
  description          = "Spark Relay sqs-bridge (IRSA): drains ${local.queue_name}"
  assume_role_policy   = data.aws_iam_policy_document.bridge_trust.json
  permissions_boundary = var.permissions_boundary_arn
  tags                 = var.tags
}

data "aws_iam_policy_document" "bridge" {
  statement {
    sid       = "DrainTheJobQueue"
    effect    = "Allow"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.jobs.arn]
  }

  # The bridge's gauge of the DLQ's depth (relay_bridge_queue_messages) reads its attributes; nothing else.
  statement {
    sid       = "ReadTheDeadLetterQueueDepth"
    effect    = "Allow"
    actions   = ["sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.dlq.arn]
  }

  dynamic "statement" {
    for_each = var.kms_master_key_id == null ? [] : [var.kms_master_key_id]
    content {
      sid       = "DecryptMessages"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "bridge" {
  name   = "sqs-consume"
  role   = aws_iam_role.bridge.id
  policy = data.aws_iam_policy_document.bridge.json
}
