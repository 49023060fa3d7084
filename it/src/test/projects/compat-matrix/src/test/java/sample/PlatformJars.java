package sample;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JUnit Platform jars a JVM runs with: those on its class path, and the one it loaded the launcher from. */
final class PlatformJars {
    private static final Pattern PLATFORM_JAR = Pattern.compile("junit-platform-[a-z-]+-(\\d[^/]*)\\.jar$");

    private PlatformJars() {
    }

    static List<String> locations() throws ClassNotFoundException {
        List<String> locations = new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        locations.add(Class.forName("org.junit.platform.launcher.core.LauncherFactory")
                .getProtectionDomain().getCodeSource().getLocation().getPath());
        return locations;
    }

    /** The versions of every junit-platform jar in {@link #locations()}: one, unless versions are mixed. */
    static Set<String> versions() throws ClassNotFoundException {
        Set<String> versions = new TreeSet<>();
        for (String location : locations()) {
            Matcher jar = PLATFORM_JAR.matcher(location);
            if (jar.find()) {
                versions.add(jar.group(1));
            }
        }
        return versions;
    }
}
