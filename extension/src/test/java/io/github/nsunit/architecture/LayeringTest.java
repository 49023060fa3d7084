package io.github.nsunit.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * The layers of nsunit's main sources, read from their imports and fully qualified names, and the build fails
 * on a use that goes upward or sideways: each internal package may use only the packages of the layers below its
 * own, and the public vocabulary. docs/architecture.md draws the same picture.
 *
 * <p>The public package {@code io.github.nsunit} is two things. Its vocabulary (the annotations, the
 * exceptions, {@code RunResult}, {@code NsunitProperties}, ...) is what every layer speaks: it uses nothing
 * internal but the words for figures ({@code internal.text}), and the {@code @ExtendWith} registration of the
 * extension that JUnit resolves. Its {@link #ENTRY_POINTS} sit on top of everything, beside the extension.
 */
class LayeringTest {
    /** Bottom first; the packages of one layer may not use each other either. */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("text"),
            Set.of("linux"),
            Set.of("stage"),
            Set.of("seccomp", "cgroup", "namespace"),
            Set.of("channel"),
            Set.of("child"),
            Set.of("cache"),
            Set.of("command"),
            Set.of("process"),
            Set.of("verdict"),
            Set.of("plan"),
            Set.of("run"),
            Set.of("api", "extension", "(internal)"));
    /** The public types that use the internals: the programmatic API and what the extension injects. */
    static final Set<String> ENTRY_POINTS = Set.of("IsolatedRun", "MemoryUsage");
    private static final Set<String> TOP = LAYERS.get(LAYERS.size() - 1);
    private static final Pattern REFERENCE = Pattern.compile(
            "\\bio\\.github\\.nsunit\\.(internal\\.(\\w+)(?:\\.([A-Z]\\w*))?|([A-Z]\\w*))");
    private static final Path MAIN = Path.of("src", "main", "java", "io", "github", "nsunit");

    @Test
    void everyInternalPackageUsesOnlyTheLayersBelowIt() throws IOException {
        Map<String, Set<String>> used = packageUses();
        Map<String, Integer> layerOf = new LinkedHashMap<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            for (String name : LAYERS.get(i)) {
                layerOf.put(name, i);
            }
        }
        assertThat(layerOf.keySet()).as("every internal package has its layer").containsAll(used.keySet());
        List<String> violations = new ArrayList<>();
        used.forEach((user, targets) -> {
            for (String target : targets) {
                if (target.startsWith("API.")) {
                    if (ENTRY_POINTS.contains(target.substring(4)) && !TOP.contains(user)) {
                        violations.add(user + " uses the entry point " + target);
                    }
                } else if (layerOf.getOrDefault(target, Integer.MAX_VALUE) >= layerOf.get(user)) {
                    violations.add(user + " uses " + target + " (layer " + layerOf.get(target) + ", its own "
                            + layerOf.get(user) + ")");
                }
            }
        });
        assertThat(used).as("the scan found the packages").containsKeys("linux", "cgroup", "process", "extension");
        assertThat(violations).as("uses that go upward or sideways").isEmpty();
    }

    @Test
    void thePublicVocabularyUsesNothingInternalButTheWordsForFigures() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.list(MAIN)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String type = file.getFileName().toString().replace(".java", "");
                if (ENTRY_POINTS.contains(type)) {
                    continue;
                }
                // the registration JUnit resolves, and its import
                String source = Files.readString(file).replace("@ExtendWith(IsolationExtension.class)", "")
                        .replace("import io.github.nsunit.internal.extension.IsolationExtension;", "");
                Matcher matcher = REFERENCE.matcher(source);
                while (matcher.find()) {
                    String target = matcher.group(2);
                    if (target != null && !target.equals("text")) {
                        violations.add(type + " uses internal." + target + "." + matcher.group(3));
                    }
                }
            }
        }
        assertThat(violations).as("public vocabulary types that use internals").isEmpty();
    }

    @Test
    void noPackageCycle() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        packageUses().forEach((user, targets) -> graph.put(user, targets.stream()
                .filter(target -> !target.startsWith("API.")).collect(java.util.stream.Collectors.toSet())));
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            findCycle(graph, start, new ArrayList<>(List.of(start)), new HashSet<>(), cycles);
        }
        assertThat(cycles).as("package cycles among the internal packages").isEmpty();
    }

    private static void findCycle(Map<String, Set<String>> graph, String node, List<String> path, Set<String> seen,
                                  List<String> cycles) {
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (next.equals(path.get(0))) {
                cycles.add(String.join(" -> ", path) + " -> " + next);
            } else if (seen.add(next) && !path.contains(next)) {
                path.add(next);
                findCycle(graph, next, path, seen, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    /**
     * For each internal package ({@code (internal)} for the package {@code internal} itself), the other internal
     * packages and the public types ({@code API.Name}) its main sources name.
     */
    static Map<String, Set<String>> packageUses() throws IOException {
        Path root = MAIN.resolve("internal");
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String relative = root.relativize(file.getParent()).toString().replace('/', '.');
                String own = relative.isEmpty() ? "(internal)" : relative;
                Set<String> targets = uses.computeIfAbsent(own, name -> new TreeSet<>());
                Matcher matcher = REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    String target = matcher.group(2) != null ? matcher.group(2) : "API." + matcher.group(4);
                    if (!target.equals(own)) {
                        targets.add(target);
                    }
                }
            }
        }
        return uses;
    }
}
