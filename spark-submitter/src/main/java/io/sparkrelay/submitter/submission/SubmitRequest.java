package io.sparkrelay.submitter.submission;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the workflow's Spark step asks for. Everything but runId, workflow and profile is optional;
 * an empty string (an unset Argo parameter) counts as not given, and numbers may be sent as strings
 * so an Argo http template can build the body from parameters.
 */
@Schema(name = "SubmitRequest", description = "Submit a Spark job built from a job profile")
public record SubmitRequest(
    @Schema(required = true, description = "Run id (the SQS MessageId)") String runId,
    @Schema(required = true, description = "Name of the calling Argo Workflow") String workflow,
    @Schema(
            description =
                "Workflow step; the application is named <workflow>-<step without submit->",
            defaultValue = "submit-spark")
        String step,
    @Schema(description = "Trigger name, copied to the spark-relay.io/trigger label")
        String trigger,
    @Schema(required = true, description = "Job profile name", examples = "taxi-trip")
        String profile,
    @Schema(description = "Namespace; the profile's when absent") String namespace,
    @Schema(
            description =
                "Application arguments replacing the profile's; an empty entry keeps the"
                    + " profile's argument at that position")
        List<String> arguments,
    @Schema(description = "Executor count (number or numeric string)") Integer executors,
    @Schema(description = "Cores per executor") Integer executorCores,
    @Schema(description = "Memory per executor, e.g. 512m or 2g") String executorMemory,
    @Schema(description = "Driver cores") Integer driverCores,
    @Schema(description = "Driver memory, e.g. 512m") String driverMemory,
    @Schema(description = "Extra labels; keys must start with spark-relay.io/")
        Map<String, String> labels) {}
