package dev.jmpi.launcher;

import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;

/**
 * Where picocli puts the value of one option or parameter as it parses: a plain holder in
 * place of an annotated field, so no reflection reads or writes it.
 *
 * @param <T> the type of the value
 */
final class ParsedValue<T> implements IGetter, ISetter {

    private T value;

    ParsedValue(T initialValue) {
        this.value = initialValue;
    }

    /** The value parsed, or the default or initial value if the command line did not give it. */
    T value() {
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get() {
        return (V) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V set(V newValue) {
        V old = (V) value;
        value = (T) newValue;
        return old;
    }
}
