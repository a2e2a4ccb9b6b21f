package dev.jmpi.docker;

import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * Points Testcontainers' "tiny image" ({@code alpine}, which it starts to find the Docker
 * host's gateway when it believes it runs inside a container, as on machines with a
 * {@code /.dockerenv}) at the locally built base image, which has {@code sh} and
 * {@code iproute2}. No image registry is reachable here, so a pull would only wait and fail.
 * Every other image name is kept. Registered in {@code testcontainers.properties}
 * ({@code image.substitutor}).
 */
public final class LocalImageSubstitutor extends ImageNameSubstitutor {

    @Override
    public DockerImageName apply(DockerImageName original) {
        if ("alpine".equals(original.getRepository()) && original.getRegistry().isEmpty()) {
            return JmpiImages.base();
        }
        return original;
    }

    @Override
    protected String getDescription() {
        return "alpine -> " + JmpiImages.base().asCanonicalNameString() + " (local base image)";
    }
}
