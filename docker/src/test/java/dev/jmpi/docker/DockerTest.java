package dev.jmpi.docker;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs containers: tagged {@code docker} (surefire excludes it), skipped
 * without a Docker engine or without the jmpi image, and failed instead when
 * {@code JMPI_REQUIRE_DOCKER=1} (CI).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("docker")
@ExtendWith(DockerAvailable.class)
public @interface DockerTest {}
