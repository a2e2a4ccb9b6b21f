package dev.jmpi.launcher;

import dev.jmpi.transport.config.Setting;
import dev.jmpi.transport.config.Units;
import java.util.List;

/**
 * jmpirun's own settings, resolved once per run from the {@link dev.jmpi.transport.config.ConfigSource}
 * that {@link JmpiRun#call()} takes from the process. The ranks' settings are the core's and
 * the transport's; jmpirun passes its environment on to them.
 */
final class LaunchSettings {

    private static final String LAUNCH = "launch (jmpirun)";

    /** The AppCDS archive cache. */
    static final Setting<Boolean> CDS = Setting.flag(
            LAUNCH, "jmpi.cds", true, "Give local ranks a cached class data archive (AppCDS); off is as --no-cds.");
    /** Where the archives are kept. */
    static final Setting<String> CDS_DIR = Setting.text(
                    LAUNCH, "jmpi.cds.dir", null, "directory", "Where the class data archives are kept.")
            .defaultText("$XDG_CACHE_HOME/jmpi/cds, else ~/.cache/jmpi/cds");
    /** Cap of the archive cache. */
    static final Setting<Long> CDS_MAX_SIZE = Setting.of(
                    LAUNCH,
                    "jmpi.cds.maxSize",
                    ArchiveEviction.DEFAULT_MAX_MB << 20,
                    Units.formatBytes(ArchiveEviction.DEFAULT_MAX_MB << 20),
                    "size",
                    "a size such as 256m or 1g, or a bare number of MiB (deprecated)",
                    LaunchSettings::mebibytesOrSize,
                    "The archives are kept under this total, least recently used evicted first; 0 keeps only the newest.")
            .aliases("JMPI_CDS_MAX_MB");
    /** An explicit runtime class path. */
    static final Setting<String> RUNTIME_CLASSPATH = Setting.text(
                    LAUNCH,
                    "jmpi.runtime.classpath",
                    null,
                    "class path",
                    "Replaces the whole runtime class path the ranks get (jmpi's jars), unfiltered.")
            .defaultText("jmpirun's own, with the MPI facade the application uses");
    /** When the jmpirun command started. */
    static final Setting<String> COMMAND_STARTED = Setting.text(
            LAUNCH,
            "jmpi.commandStarted",
            null,
            "epoch seconds",
            "When the jmpirun command started (bin/jmpirun sets it from $EPOCHREALTIME), for --timeline.");

    /** Where jmpirun's own class data archive goes, when bin/jmpirun asks for one to be made. */
    static final Setting<String> LAUNCHER_ARCHIVE = Setting.text(
            LAUNCH,
            "jmpi.launcherArchive",
            null,
            "file",
            "Set by bin/jmpirun when jmpirun's own class data archive is missing or stale: a successful job"
                    + " dumps jmpirun's classes there (LauncherArchive).");
    /** What the launcher archive's stamp records of java and the launcher jars. */
    static final Setting<String> LAUNCHER_ARCHIVE_INPUTS = Setting.text(
            LAUNCH,
            "jmpi.launcherArchiveInputs",
            null,
            "stat lines",
            "Set by bin/jmpirun with jmpi.launcherArchive: size, time and name of java and every launcher jar, as"
                    + " the archive's stamp must record them.");

    /** Every launcher setting. */
    static final List<Setting<?>> ALL = List.of(
            CDS, CDS_DIR, CDS_MAX_SIZE, RUNTIME_CLASSPATH, COMMAND_STARTED, LAUNCHER_ARCHIVE, LAUNCHER_ARCHIVE_INPUTS);

    private LaunchSettings() {}

    /** A size; a bare number is MiB, as {@code JMPI_CDS_MAX_MB} took it. */
    private static Long mebibytesOrSize(String v) {
        String t = v.trim();
        return t.chars().allMatch(Character::isDigit) ? Units.parseBytes(t + "m") : Units.parseBytes(t);
    }
}
