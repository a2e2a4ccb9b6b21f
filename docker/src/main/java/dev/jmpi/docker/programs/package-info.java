/** Small jmpi programs the jmpi image carries for the container, Slurm and SSH tests. */
package dev.jmpi.docker.programs;
