/**
 * JUnit 5 support: {@link dev.jmpi.junit.JmpiTest} runs a test method once per rank, each
 * call with its rank's communicator. Depend on {@code dev.jmpi:jmpi-junit} in test scope.
 *
 * <p>Moved here from core's {@code dev.jmpi.testing} so that core's jar needs no JUnit: change
 * {@code import dev.jmpi.testing.JmpiTest} to {@code import dev.jmpi.junit.JmpiTest}.
 * {@link dev.jmpi.testing.Ranks}, which needs no test framework, stays in core.
 */
package dev.jmpi.junit;
