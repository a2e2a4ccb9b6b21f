package dev.jmpi.launcher;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The options and positional parameters of a command, each made here from its names and value
 * type, kept in the order they were made (the order of {@code --help}); {@link #addTo} puts
 * them into a picocli {@link CommandSpec}.
 */
final class CommandArguments {

    private final List<CommandOption<?>> options = new ArrayList<>();
    private final List<PositionalParamSpec> positionals = new ArrayList<>();

    /** An option without a value, false unless given ({@code --flag=false} also reads, as picocli allows). */
    CommandOption<Boolean> flag(String... names) {
        return add(OptionSpec.builder(names).type(boolean.class), false);
    }

    /** An option without a value that may be repeated ({@code -vv}): one element per use. */
    CommandOption<boolean[]> repeatableFlag(String... names) {
        return add(
                OptionSpec.builder(names)
                        .type(boolean[].class)
                        .auxiliaryTypes(boolean.class)
                        .arity("0"),
                new boolean[0]);
    }

    /** An option with one value of {@code type}, null unless given or defaulted. */
    <T> CommandOption<T> option(Class<T> type, String... names) {
        return add(OptionSpec.builder(names).type(type), null);
    }

    /** An option with one value of {@code element} per use, collected in order; empty unless given. */
    <E> CommandOption<List<E>> repeatableOption(Class<E> element, String... names) {
        return add(OptionSpec.builder(names).type(List.class).auxiliaryTypes(element), new ArrayList<>());
    }

    /** Every positional parameter, as strings in order (empty if none), named {@code label} in the help. */
    ParsedValue<List<String>> positionals(String label, String description) {
        List<String> initial = new ArrayList<>();
        ParsedValue<List<String>> value = new ParsedValue<>(initial);
        positionals.add(PositionalParamSpec.builder()
                .index("0..*")
                .arity("0..1")
                .type(List.class)
                .auxiliaryTypes(String.class)
                .paramLabel(label)
                .description(description)
                .getter(value)
                .setter(value)
                .initialValue(initial)
                .hasInitialValue(true)
                .build());
        return value;
    }

    private <T> CommandOption<T> add(OptionSpec.Builder definition, T initialValue) {
        CommandOption<T> option = new CommandOption<>(definition, initialValue);
        options.add(option);
        return option;
    }

    /** Adds every option, then every positional parameter, to {@code spec} in order. */
    void addTo(CommandSpec spec) {
        for (CommandOption<?> option : options) {
            spec.addOption(option.spec());
        }
        for (PositionalParamSpec positional : positionals) {
            spec.addPositional(positional);
        }
    }
}
