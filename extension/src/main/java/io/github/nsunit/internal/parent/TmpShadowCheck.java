package io.github.nsunit.internal.parent;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a fresh {@code /tmp} when the child JVM needs something from the host's {@code /tmp} to start (a class
 * path entry, its working directory, the JDK): the empty tmpfs hides it, and the child would die with a bare
 * "Could not find or load main class" (measured: a build copied under /tmp).
 */
final class TmpShadowCheck {
    private static final Path TMP = Path.of("/tmp");

    private TmpShadowCheck() {
    }

    static void check(ExtensionContext context) {
        List<String> hidden = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && underTmp(entry)) {
                hidden.add("class path entry " + entry);
            }
        }
        if (underTmp(System.getProperty("user.dir"))) {
            hidden.add("working directory " + System.getProperty("user.dir"));
        }
        if (underTmp(System.getProperty("java.home"))) {
            hidden.add("JDK " + System.getProperty("java.home"));
        }
        if (!hidden.isEmpty()) {
            throw new ExtensionConfigurationException("@IsolatedMount on " + TestNames.of(context) + " gives the child"
                    + " JVM a fresh, empty /tmp, which would hide what it needs from the host's /tmp to start: "
                    + String.join(", ", hidden.subList(0, Math.min(3, hidden.size())))
                    + (hidden.size() > 3 ? " and " + (hidden.size() - 3) + " more" : "") + ". Build and run the"
                    + " tests outside /tmp, or use @IsolatedMount(freshTmp = false).");
        }
    }

    private static boolean underTmp(String path) {
        return path != null && Path.of(path).toAbsolutePath().normalize().startsWith(TMP);
    }
}
