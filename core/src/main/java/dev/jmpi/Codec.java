package dev.jmpi;

import java.nio.ByteBuffer;

/**
 * Turns objects of one type into bytes and back, for the object-style calls
 * ({@link Communicator#sendObject}, {@link Communicator#bcastObject}, ...). Register one with
 * {@link Codecs#register} on every rank before use.
 *
 * @param <T> the type it encodes
 */
public interface Codec<T> {

    /**
     * Encodes {@code value}; the returned buffer's remaining bytes are the encoding.
     *
     * @param value the value to encode
     * @return the encoded bytes, from position to limit
     */
    ByteBuffer encode(T value);

    /**
     * Decodes what {@link #encode} produced; {@code bytes} holds exactly the encoding.
     *
     * @param bytes the bytes {@link #encode} produced
     * @return the decoded value
     */
    T decode(ByteBuffer bytes);
}
