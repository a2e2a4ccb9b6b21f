/**
 * Integration tests of jmpi programs in containers: {@link dev.jmpi.testcontainers.JmpiCluster}
 * runs a job as N rank containers on a private network and lets a test kill, pause or
 * disconnect a rank and read each rank's output. Depend on {@code dev.jmpi:jmpi-testcontainers}
 * in test scope; it needs a Docker engine, and an image that holds jmpi's runtime (the jmpi
 * image, or your own).
 */
package dev.jmpi.testcontainers;
