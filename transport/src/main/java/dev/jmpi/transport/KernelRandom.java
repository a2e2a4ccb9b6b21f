package dev.jmpi.transport;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * A {@link SecureRandom} that reads the kernel's random device ({@code /dev/urandom}) directly,
 * for the job secret and the handshake nonces. The bytes are those of the JDK's default on
 * Linux and macOS ({@code NativePRNG} reads the same device); what differs is the start-up:
 * {@code new SecureRandom()} first builds the security provider list and registers the SUN
 * provider's services, 25-35 ms of interpreted work in jmpirun and in every rank that dials a
 * peer, for 32 bytes. Where the device cannot be read (Windows), {@link #create} gives the JDK's
 * default. Thread-safe: each request opens the device, reads and closes it (one per connection
 * or job, not per message).
 */
public final class KernelRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;

    private static final Path DEVICE = Path.of("/dev/urandom");

    private KernelRandom() {
        super(new DeviceSpi(), null);
    }

    /** The kernel's random device as a {@link SecureRandom}, or the JDK's default where there is none. */
    public static SecureRandom create() {
        return Files.isReadable(DEVICE) ? new KernelRandom() : new SecureRandom();
    }

    @Override
    public String getAlgorithm() {
        return "urandom";
    }

    /** Reads every byte from the device; seeding adds nothing to the kernel's pool, so it is ignored. */
    private static final class DeviceSpi extends SecureRandomSpi {

        private static final long serialVersionUID = 1L;

        @Override
        protected void engineSetSeed(byte[] seed) {
            // The kernel's pool is the only source; a caller's seed cannot weaken or strengthen it.
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            try (InputStream in = new FileInputStream(DEVICE.toFile())) {
                int read = in.readNBytes(bytes, 0, bytes.length);
                if (read != bytes.length) {
                    throw new IOException("read " + read + " of " + bytes.length + " bytes");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read random bytes from " + DEVICE, e);
            }
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            byte[] seed = new byte[numBytes];
            engineNextBytes(seed);
            return seed;
        }
    }
}
