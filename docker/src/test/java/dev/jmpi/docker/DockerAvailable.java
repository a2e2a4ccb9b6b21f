package dev.jmpi.docker;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Enables a {@link DockerTest} when a Docker engine answers and the jmpi image exists. When
 * either is missing the test is skipped with the reason, or, with {@code JMPI_REQUIRE_DOCKER=1},
 * fails with it.
 */
final class DockerAvailable implements ExecutionCondition {

    /** Environment variable that turns a missing Docker engine or image into a failure. */
    static final String REQUIRE_ENV = "JMPI_REQUIRE_DOCKER";

    private static volatile String missing;
    private static volatile boolean checked;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String why = whatIsMissing();
        if (why == null) {
            return ConditionEvaluationResult.enabled("Docker engine and " + JmpiImages.jmpi() + " are available");
        }
        if ("1".equals(System.getenv(REQUIRE_ENV))) {
            throw new IllegalStateException(why + ", and " + REQUIRE_ENV + "=1 requires the Docker tests to run"
                    + " (set up with: bash docker/ci-setup.sh, then ./mvnw verify)");
        }
        return ConditionEvaluationResult.disabled(why + " (" + REQUIRE_ENV + "=1 makes this a failure)");
    }

    private static synchronized String whatIsMissing() {
        if (!checked) {
            missing = probe();
            checked = true;
        }
        return missing;
    }

    private static String probe() {
        DockerClientFactory docker = DockerClientFactory.instance();
        if (!docker.isDockerAvailable()) {
            return "no Docker engine answers";
        }
        String image = JmpiImages.jmpi().asCanonicalNameString();
        try {
            docker.client().inspectImageCmd(image).exec();
        } catch (RuntimeException e) {
            return "image " + image + " is missing (built by the docker module in pre-integration-test, or by"
                    + " JMPI_IMAGE=" + image + " bash docker/build-image.sh): " + e.getMessage();
        }
        return null;
    }
}
