package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.lang.model.SourceVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JavaNamesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Main",
                "com.example.Main",
                "a.b.c.D_e",
                "Ünïcode.Klasse",
                "x1.y2",
                "_a",
                "a._",
                "_",
                "class",
                "com.class.Main",
                "true",
                "a.null",
                "",
                ".",
                "a.",
                ".a",
                "a..b",
                "1a",
                "a-b",
                "a b",
                "--help",
                "-Dx=y",
                "a/b",
                "var",
                "record.Main",
                "$",
                "€uro",
                "\uD835\uDC00bc"
            })
    void answersAsSourceVersionDoesForTheLatestRelease(String word) {
        assertEquals(SourceVersion.isName(word), JavaNames.isQualifiedName(word), word);
    }
}
