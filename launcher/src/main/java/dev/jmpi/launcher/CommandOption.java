package dev.jmpi.launcher;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One option of jmpirun, defined in code: its picocli definition (names, value label,
 * description, type, default, converter) and, once the command line is parsed, its value.
 * Building the command this way reads no annotation and reflects over no field, which cost
 * jmpirun ~90 ms of its start-up (annotation proxies, generic field types, converters made by
 * reflection). Made by {@link CommandArguments}, which keeps them in the order of {@code --help}.
 *
 * @param <T> the type of the parsed value
 */
final class CommandOption<T> {

    private final OptionSpec.Builder definition;
    private final ParsedValue<T> value;
    private OptionSpec spec;

    CommandOption(OptionSpec.Builder definition, T initialValue) {
        this.value = new ParsedValue<>(initialValue);
        this.definition = definition
                .getter(value)
                .setter(value)
                .initialValue(initialValue)
                .hasInitialValue(true);
    }

    /** The value's name in the help, e.g. {@code N} in {@code --np=N}. */
    CommandOption<T> label(String label) {
        definition.paramLabel(label);
        return this;
    }

    /** The help text (picocli wraps it; {@code ${DEFAULT-VALUE}} is replaced by the default). */
    CommandOption<T> description(String text) {
        definition.description(text);
        return this;
    }

    /** The value when the option is not given, as it would be typed. */
    CommandOption<T> defaultValue(String text) {
        definition.defaultValue(text);
        return this;
    }

    /** Parses the typed value (instead of picocli's converter for the type). */
    CommandOption<T> converter(ITypeConverter<? extends T> converter) {
        definition.converters(converter);
        return this;
    }

    /** The parsed value: the default or initial value if the option was not given. */
    T value() {
        return value.value();
    }

    /** picocli's definition, made once. */
    OptionSpec spec() {
        if (spec == null) {
            spec = definition.build();
        }
        return spec;
    }
}
