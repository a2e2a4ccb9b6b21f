package dev.jmpi.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;

/**
 * A container has started once Docker ran it, whether it still runs or already exited (with
 * any status). Job containers may finish before Testcontainers looks; the tests check exit
 * statuses and output themselves.
 */
final class StartedCheck extends StartupCheckStrategy {

    @Override
    public StartupStatus checkStartupState(DockerClient dockerClient, String containerId) {
        InspectContainerResponse.ContainerState state = getCurrentState(dockerClient, containerId);
        boolean ran = Boolean.TRUE.equals(state.getRunning())
                || (state.getFinishedAt() != null && !state.getFinishedAt().startsWith("0001-"));
        return ran ? StartupStatus.SUCCESSFUL : StartupStatus.NOT_YET_KNOWN;
    }
}
