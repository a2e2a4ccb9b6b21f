package dev.jmpi.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * The three settings Testcontainers needs on a machine without an image registry that looks
 * like a container (../shared/ENGINES-HERE.md) are in force for the build: Ryuk off, start-up
 * checks off, and the tiny image resolved to the local base image.
 */
@DockerTest
class TestcontainersSettingsIT {

    @Test
    void ryukIsDisabledAndNoReaperContainerRuns() {
        assertEquals(
                "true",
                System.getenv("TESTCONTAINERS_RYUK_DISABLED"),
                "failsafe must set TESTCONTAINERS_RYUK_DISABLED=true (docker/pom.xml)");
        DockerClient docker = DockerClientFactory.instance().client();
        String sessionId = DockerClientFactory.SESSION_ID;
        List<Container> reapers = docker.listContainersCmd().withShowAll(true).exec().stream()
                .filter(c -> c.getImage() != null && c.getImage().contains("ryuk"))
                .filter(c ->
                        c.getLabels() != null && sessionId.equals(c.getLabels().get("org.testcontainers.sessionId")))
                .toList();
        assertTrue(reapers.isEmpty(), () -> "a Ryuk container runs for this session: " + reapers);
    }

    @Test
    void startupChecksAreDisabled() {
        assertTrue(
                TestcontainersConfiguration.getInstance().isDisableChecks(),
                "failsafe must set TESTCONTAINERS_CHECKS_DISABLE=true (docker/pom.xml)");
    }

    @Test
    void tinyImageIsTheLocalBaseImage() {
        // What the deprecated getTinyImage() reads (TESTCONTAINERS_TINYIMAGE_CONTAINER_IMAGE).
        DockerImageName tiny = DockerImageName.parse(TestcontainersConfiguration.getInstance()
                .getEnvVarOrProperty("tinyimage.container.image", "alpine:3.17"));
        DockerImageName resolved = ImageNameSubstitutor.instance().apply(tiny);
        assertEquals(JmpiImages.base().asCanonicalNameString(), resolved.asCanonicalNameString());
        // The default (alpine) also maps to it, through LocalImageSubstitutor.
        assertEquals(
                JmpiImages.base().asCanonicalNameString(),
                ImageNameSubstitutor.instance()
                        .apply(DockerImageName.parse("alpine:3.17"))
                        .asCanonicalNameString());
        assertFalse(DockerClientFactory.instance()
                .client()
                .inspectImageCmd(resolved.asCanonicalNameString())
                .exec()
                .getId()
                .isEmpty());
        // Testcontainers ran it to find the Docker host's address.
        assertNotNull(DockerClientFactory.instance().dockerHostIpAddress());
    }
}
