/**
 * jmpi's configuration: every {@code jmpi.*} system property and {@code JMPI_*} environment
 * variable is a {@link dev.jmpi.transport.config.Setting} declared next to its default (this
 * package's {@code dev.jmpi.transport.TransportSettings}, the core's
 * {@code dev.jmpi.core.internal.CoreSettings}, the launcher's {@code LaunchSettings}), and
 * resolved once, at init, by a {@link dev.jmpi.transport.config.ConfigSource}: defaults, then
 * environment, then system properties, then values set in code. This package is the only code
 * that reads the process's properties and environment (a test enforces it); everything else
 * receives resolved values by constructor. The table in {@code docs/configuration.md} is
 * generated from the declarations ({@link dev.jmpi.transport.config.ConfigurationTable}).
 *
 * <p>Internal: not part of jmpi's API, and may change between releases.
 */
package dev.jmpi.transport.config;
