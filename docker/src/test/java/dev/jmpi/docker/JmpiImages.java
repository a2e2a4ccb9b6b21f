package dev.jmpi.docker;

import dev.jmpi.testcontainers.JmpiCluster;
import org.testcontainers.utility.DockerImageName;

/** Names of the images the tests use, as the build passes them (docker/pom.xml). */
final class JmpiImages {

    /** System property naming the jmpi image built in pre-integration-test. */
    static final String IMAGE_PROP = "jmpi.docker.image";
    /** System property naming the local JRE base image (docker/build-base-image.sh). */
    static final String BASE_IMAGE_PROP = "jmpi.docker.baseImage";

    static final String DEFAULT_IMAGE = "jmpi:test";
    static final String DEFAULT_BASE_IMAGE = "jmpi-jre-base:bookworm";

    /** Class path of a rank inside the image: jmpi's runtime, the examples, the test programs. */
    static final String RANK_CLASSPATH = "/opt/jmpi/lib/*:/opt/jmpi/examples/*:/opt/jmpi/programs/*";
    /** Application class path for jmpirun's {@code -cp} (jmpirun adds jmpi's runtime itself). */
    static final String APP_CLASSPATH = "/opt/jmpi/examples/*:/opt/jmpi/programs/*";

    private JmpiImages() {}

    static DockerImageName jmpi() {
        return DockerImageName.parse(System.getProperty(IMAGE_PROP, DEFAULT_IMAGE));
    }

    /** A job of {@code size} ranks from the image under test, with the test programs on the class path. */
    static JmpiCluster.Builder cluster(int size) {
        return JmpiCluster.builder(size).image(jmpi()).classpath(RANK_CLASSPATH);
    }

    static DockerImageName base() {
        return DockerImageName.parse(System.getProperty(BASE_IMAGE_PROP, DEFAULT_BASE_IMAGE));
    }
}
