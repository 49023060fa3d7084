package io.github.nsunit.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which internal package may use which, read from the main sources' imports and fully qualified names. The
 * kernel layer (libc calls, the stage interface, seccomp, cgroups, namespaces) is the bottom: it uses only
 * packages below it in {@link #KERNEL_LAYER}, never the launcher, the child, the channel, the verdict, the
 * JUnit extension or the public API, so a kernel primitive can be tested and changed on its own.
 */
class LayeringTest {
    private static final String INTERNAL = "io.github.nsunit.internal.";
    /**
     * The names of the configuration parameters, which the kernel's messages quote in their remedies: the one
     * public type below the extension.
     */
    private static final String PARAMETER_NAMES = "API.NsunitProperties";
    /** Each kernel package and the packages (or public types) it may use. */
    private static final Map<String, Set<String>> KERNEL_LAYER = Map.of(
            "linux", Set.of(),
            "stage", Set.of(),
            "seccomp", Set.of("linux"),
            "cgroup", Set.of("linux", "stage", PARAMETER_NAMES),
            "namespace", Set.of("linux", "stage", PARAMETER_NAMES));
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.github\\.nsunit\\.(internal\\.(\\w+)|([A-Z]\\w*))");

    @Test
    void theKernelLayerUsesNothingAboveIt() throws IOException {
        Map<String, Set<String>> used = packageUses();
        List<String> violations = new ArrayList<>();
        KERNEL_LAYER.forEach((kernelPackage, allowed) -> {
            for (String target : used.getOrDefault(kernelPackage, Set.of())) {
                if (!allowed.contains(target)) {
                    violations.add(kernelPackage + " uses " + target);
                }
            }
        });
        assertThat(used).as("the scan found the kernel packages").containsKeys("linux", "cgroup", "namespace");
        assertThat(violations).as("uses across the kernel layer's boundary").isEmpty();
    }

    /** For each internal package, the other internal packages and the public types its main sources name. */
    static Map<String, Set<String>> packageUses() throws IOException {
        Path root = Path.of("src", "main", "java", "io", "github", "nsunit", "internal");
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String own = root.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> targets = uses.computeIfAbsent(own, name -> new TreeSet<>());
                Matcher matcher = REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    String target = matcher.group(2) != null ? matcher.group(2) : "API." + matcher.group(3);
                    if (!target.equals(own)) {
                        targets.add(target);
                    }
                }
            }
        }
        return uses;
    }
}
