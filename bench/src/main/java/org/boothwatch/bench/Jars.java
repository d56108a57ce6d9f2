package org.boothwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/** The programs' shaded jars, copied before use so a rebuild in the tree cannot change them mid-run. */
final class Jars {
    private Jars() {}

    static Path copy(Path root, String module, String jar, Path into) throws IOException {
        Path src = root.resolve(module).resolve("target").resolve(jar);
        if (!Files.isRegularFile(src)) {
            throw new IOException(src + " missing: build it first (cd " + root + " && mvn -o -q -pl " + module + " -am package -DskipTests)");
        }
        Files.createDirectories(into);
        Path dst = into.resolve(jar);
        Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
        BenchMain.log("using %s (built %s)", src, Instant.ofEpochMilli(Files.getLastModifiedTime(src).toMillis()));
        return dst;
    }
}
