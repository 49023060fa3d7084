package io.github.nsunit.it;

import io.github.nsunit.Forked;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks that the nsunit jar the sample builds will resolve from the local repository holds the classes this
 * reactor just built, so the integration tests never pass against an older, previously installed nsunit.
 */
final class InstalledNsunit {
    private InstalledNsunit() {
    }

    static void assertIsTheOneUnderTest() throws IOException {
        String version = OuterBuild.nsunitVersion();
        Path installed = OuterBuild.localRepository()
                .resolve(Path.of("io", "github", "nsunit", "nsunit", version, "nsunit-" + version + ".jar"));
        Path built = builtLocation();
        String advice = " Run `mvn -B install` from the repository root, so the extension is installed before"
                + " the integration tests build the sample projects.";
        if (!Files.isRegularFile(installed)) {
            throw new IllegalStateException("nsunit " + version + " is not installed in the local repository: "
                    + installed + " does not exist." + advice);
        }
        Map<String, byte[]> builtClasses = classesOf(built);
        Map<String, byte[]> installedClasses = classesOf(installed);
        if (builtClasses.isEmpty() || !sameContent(builtClasses, installedClasses)) {
            throw new IllegalStateException("the installed " + installed + " does not hold the classes of the"
                    + " nsunit under test (" + built + "): it is an older build." + advice);
        }
    }

    /** The jar or class directory the reactor resolved for this module's dependency on nsunit. */
    private static Path builtLocation() {
        try {
            return Path.of(Forked.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the nsunit classes under test", e);
        }
    }

    private static Map<String, byte[]> classesOf(Path location) throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    classes.put(location.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
            return classes;
        }
        try (ZipFile jar = new ZipFile(location.toFile())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        classes.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }

    private static boolean sameContent(Map<String, byte[]> a, Map<String, byte[]> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
    }
}
