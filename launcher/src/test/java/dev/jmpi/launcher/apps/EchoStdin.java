package dev.jmpi.launcher.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Test rank: echoes its stdin lines as {@code rank R got: LINE}, then prints {@code rank R eof}. */
public final class EchoStdin {

    private EchoStdin() {}

    public static void main(String[] args) throws IOException {
        int rank = Block.rank();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            System.out.println("rank " + rank + " got: " + line);
        }
        System.out.println("rank " + rank + " eof");
    }
}
