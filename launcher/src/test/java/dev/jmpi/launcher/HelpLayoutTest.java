package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.IHelpSectionRenderer;

class HelpLayoutTest {

    /**
     * A lambda for one of picocli's interfaces makes Java 17's archive dump link that interface,
     * which then leaves it and every picocli class implementing it out of jmpirun's archive.
     */
    @Test
    void sectionRenderersAreNamedClassesTheLauncherArchiveCanHold() {
        CommandLine cmd = JmpiRun.configure(new CommandLine(JmpiRunCommand.of(new JmpiRun())));
        for (IHelpSectionRenderer renderer : cmd.getHelpSectionMap().values()) {
            assertFalse(renderer.getClass().isHidden(), renderer.getClass() + " is a lambda");
        }
    }
}
