package io.github.nsunit.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Measures what an isolated test costs, side by side in one invocation: the same trivial test class run
 * in-process, {@code @Forked}, {@code @IsolatedPid @IsolatedNetwork}, {@code @MemoryLimit("128M")}, the naive
 * way (a fresh JVM with the JUnit console launcher per test) and the floor (a JVM running an empty main).
 * Started by {@code bench/run}, which generates the test classes and the class path.
 */
public final class Bench {
    private static final String PACKAGE = "io.github.nsunit.bench.";
    /** Read by PeakMemory (bench/testsrc), which lives with the test classes, not with this program. */
    private static final String HWM_DIR_PROPERTY = "nsunit.bench.hwm-dir";
    private static final String BENCH_PID_PROPERTY = "nsunit.bench.pid";

    private final Options options;
    private final Path hwmRoot;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    private Bench(Options options) throws IOException {
        this.options = options;
        this.hwmRoot = Path.of("bench", "target", "peak-memory");
        deleteTree(hwmRoot);
        Files.createDirectories(hwmRoot);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.setProperty(BENCH_PID_PROPERTY, Long.toString(ProcessHandle.current().pid()));
        new Bench(options).run();
    }

    private void run() throws Exception {
        printMachine();
        List<String> methods = new ArrayList<>();
        for (int t = 1; t <= options.tests; t++) {
            methods.add(String.format(Locale.ROOT, "t%03d", t));
        }
        // Warm-up: the first run in this JVM pays for loading JUnit and nsunit, which a real build pays once.
        LauncherRun.of(PACKAGE + "PlainTests", methods, options.config);
        LauncherRun.of(PACKAGE + "ForkedTests", methods.subList(0, 1), options.config);

        if (options.modes.contains("1")) {
            launcherMode("1", "(1) in-process", "PlainTests", methods, options.config);
        }
        if (options.modes.contains("2")) {
            launcherMode("2", "(2) @Forked", "ForkedTests", methods, options.config);
        }
        if (options.modes.contains("3")) {
            optionalMode("3", "(3) @IsolatedPid @IsolatedNetwork", "IsolatedTests", methods);
        }
        if (options.modes.contains("4")) {
            optionalMode("4", "(4) @MemoryLimit(\"128M\")", "MemoryLimitTests", methods);
        }
        if (options.modes.contains("par")) {
            Map<String, String> parallel = new LinkedHashMap<>(options.config);
            parallel.put("junit.jupiter.execution.parallel.enabled", "true");
            parallel.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
            parallel.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
            parallel.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "2");
            launcherMode("par", "(2) @Forked, parallel x2", "ForkedTests", methods, parallel);
        }
        if (!options.variants.isEmpty()) {
            variantModes(methods);
        }
        if (options.modes.contains("5")) {
            naiveMode(methods);
        }
        if (options.modes.contains("npar")) {
            naiveParallelMode(methods);
        }
        if (options.modes.contains("6")) {
            floorMode();
        }
        printResults();
        if (!failures.isEmpty()) {
            System.out.println();
            System.out.println("FAILURES (figures above are not valid):");
            failures.forEach(f -> System.out.println("  " + f));
            System.exit(1);
        }
    }

    private void optionalMode(String key, String label, String simpleName, List<String> methods) throws Exception {
        try {
            Class.forName(PACKAGE + simpleName, false, Bench.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            rows.put(key, Row.absent(label, "annotation not in the extension yet: bench/run generates "
                    + simpleName + " once it is"));
            return;
        }
        launcherMode(key, label, simpleName, methods, options.config);
    }

    private void launcherMode(String key, String label, String simpleName, List<String> methods,
                              Map<String, String> config) throws IOException {
        Path hwm = hwmDir(key);
        List<Long> perTest = new ArrayList<>();
        List<Double> perTestTotal = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        for (int round = 0; round < options.rounds; round++) {
            LauncherRun run = LauncherRun.of(PACKAGE + simpleName, methods, config);
            run.failures().forEach(f -> failures.add(label + ": " + f));
            perTest.addAll(run.perTestNanos());
            perTestTotal.add(run.totalNanos() / 1e6 / methods.size());
            totals.add(run.totalNanos() / 1e6);
        }
        rows.put(key, new Row(label, new Stats(perTest), Stats.median(perTestTotal), Stats.median(totals),
                PeakMemorySamples.read(hwm), options.rounds + " rounds x " + methods.size()));
    }

    /**
     * {@code @Forked} under each {@code --variant}, rounds interleaved (variant A, B, C, A, B, C, ...), so that
     * load from elsewhere on the machine falls on every variant alike.
     */
    private void variantModes(List<String> methods) throws IOException {
        Map<String, List<Long>> perTest = new LinkedHashMap<>();
        Map<String, List<Double>> perTestTotal = new LinkedHashMap<>();
        Map<String, List<Double>> totals = new LinkedHashMap<>();
        for (int round = 0; round < options.rounds; round++) {
            int index = 0;
            for (Map.Entry<String, Map<String, String>> variant : options.variants.entrySet()) {
                hwmDir("v" + index++);
                Map<String, String> config = new LinkedHashMap<>(options.config);
                config.putAll(variant.getValue());
                LauncherRun run = LauncherRun.of(PACKAGE + "ForkedTests", methods, config);
                run.failures().forEach(f -> failures.add(variant.getKey() + ": " + f));
                perTest.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).addAll(run.perTestNanos());
                perTestTotal.computeIfAbsent(variant.getKey(), k -> new ArrayList<>())
                        .add(run.totalNanos() / 1e6 / methods.size());
                totals.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(run.totalNanos() / 1e6);
            }
        }
        int index = 0;
        for (String label : options.variants.keySet()) {
            rows.put("v" + index, new Row("(2) " + label, new Stats(perTest.get(label)),
                    Stats.median(perTestTotal.get(label)), Stats.median(totals.get(label)),
                    PeakMemorySamples.read(hwmRoot.resolve("v" + index).toAbsolutePath()),
                    options.rounds + " rounds x " + methods.size()));
            index++;
        }
    }

    /** A fresh JVM per test running the console launcher with default options, as a build script would. */
    private void naiveMode(List<String> methods) throws Exception {
        Path hwm = hwmDir("5");
        List<Long> walls = new ArrayList<>();
        int count = Math.min(options.naive, methods.size());
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            walls.add(time(naiveCommand(methods.get(i), hwm), "(5) naive"));
        }
        double elapsedMs = (System.nanoTime() - start) / 1e6;
        Stats stats = new Stats(walls);
        rows.put("5", new Row("(5) naive: console launcher JVM per test", stats, elapsedMs / count, elapsedMs,
                PeakMemorySamples.read(hwm), count + " JVMs"));
    }

    /** The console launcher running one test method; {@code hwm} set: its peak memory is recorded there. */
    private List<String> naiveCommand(String method, Path hwm) {
        List<String> command = new ArrayList<>(List.of(javaPath()));
        if (hwm != null) {
            command.add("-D" + HWM_DIR_PROPERTY + "=" + hwm.toAbsolutePath());
        }
        command.addAll(List.of("-jar", options.console, "execute", "--disable-banner", "--details=none",
                "--fail-if-no-tests", "--class-path", System.getProperty("java.class.path"),
                "--select-method", PACKAGE + "PlainTests#" + method));
        return command;
    }

    /**
     * The naive way, two JVMs at a time: what a second core gives JVM-per-test work on this machine, with no
     * nsunit in it. The reference for the parallel mode's gain.
     */
    private void naiveParallelMode(List<String> methods) throws Exception {
        int count = Math.min(options.naive, methods.size());
        List<Long> walls = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        long start = System.nanoTime();
        try {
            List<java.util.concurrent.Future<Long>> runs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                List<String> command = naiveCommand(methods.get(i), null);
                runs.add(pool.submit(() -> time(command, "(5) naive, 2 at a time")));
            }
            for (java.util.concurrent.Future<Long> run : runs) {
                walls.add(run.get());
            }
        } finally {
            pool.shutdownNow();
        }
        double elapsedMs = (System.nanoTime() - start) / 1e6;
        rows.put("npar", new Row("(5) naive, 2 JVMs at a time", new Stats(walls), elapsedMs / count, elapsedMs,
                PeakMemorySamples.none(), count + " JVMs"));
    }

    private void floorMode() throws Exception {
        List<Long> walls = new ArrayList<>();
        for (int i = 0; i < options.floorRuns; i++) {
            walls.add(time(List.of(javaPath(), "-cp", options.floorClassPath, PACKAGE + "EmptyMain"), "(6) floor"));
        }
        Stats stats = new Stats(walls);
        rows.put("6", new Row("(6) floor: java EmptyMain", stats, stats.medianMs(), Double.NaN,
                PeakMemorySamples.none(), options.floorRuns + " JVMs"));
    }

    private long time(List<String> command, String label) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int status = process.waitFor();
        long wall = System.nanoTime() - start;
        if (status != 0) {
            failures.add(label + ": exit " + status + " from " + String.join(" ", command));
        }
        return wall;
    }

    private Path hwmDir(String key) throws IOException {
        Path dir = hwmRoot.resolve(key).toAbsolutePath();
        Files.createDirectories(dir);
        System.setProperty(HWM_DIR_PROPERTY, dir.toString());
        return dir;
    }

    private void printMachine() {
        Runtime runtime = Runtime.getRuntime();
        System.out.println("nsunit start-up benchmark");
        System.out.println("command:  " + options.command);
        System.out.println("machine:  " + runtime.availableProcessors() + " cores, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                + ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / (1024 * 1024) + " MiB RAM");
        System.out.println("JDK:      " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + " (" + System.getProperty("java.home") + ")");
        System.out.println("settings: " + options.tests + " tests per class, " + options.rounds
                + " rounds per JUnit mode, " + options.naive + " naive JVMs, " + options.floorRuns + " floor JVMs"
                + (options.config.isEmpty() ? "" : ", configuration " + options.config));
        System.out.println();
    }

    private void printResults() {
        System.out.printf(Locale.ROOT, "%-44s %10s %8s %9s %11s %11s  %s%n", "mode", "per-test", "p90", "total/N",
                "over (1)", "RSS peak/", "sample");
        System.out.printf(Locale.ROOT, "%-44s %10s %8s %9s %11s %11s%n", "", "median ms", "ms", "ms", "ms", "private MiB");
        Row inProcess = rows.get("1");
        for (Row row : rows.values()) {
            if (row.absentReason != null) {
                System.out.printf(Locale.ROOT, "%-44s %s%n", row.label, "-- " + row.absentReason);
                continue;
            }
            String over = inProcess == null || row == inProcess ? "" : String.format(Locale.ROOT, "%+.1f",
                    row.perTest.medianMs() - inProcess.perTest.medianMs());
            System.out.printf(Locale.ROOT, "%-44s %10.1f %8.1f %9.1f %11s %11s  %s%n", row.label,
                    row.perTest.medianMs(), row.perTest.percentileMs(90), row.perTestTotal, over,
                    row.peak.medianText(), row.sample);
        }
        System.out.println();
        System.out.println("RSS peak/private: medians over the test JVMs of VmHWM (peak resident set, shared file"
                + " pages such as libjvm and");
        System.out.println("  class-data archives included) and RssAnon (private memory, what each further JVM adds),"
                + " from /proc/self/status,");
        System.out.println("  read by a shutdown hook of the test class when the JVM exits.");
        System.out.println();
        Row forked = rows.get("2");
        Row naive = rows.get("5");
        Row floor = rows.get("6");
        Row parallel = rows.get("par");
        // Issue 16's goals, on total/N (what a run pays a test): a median alone hides the tests that waited.
        if (forked != null && floor != null) {
            target("@Forked (2) / floor (6), total/N", forked.perTestTotal / floor.perTestTotal, "x", "<= 2",
                    v -> v <= 2);
        }
        if (forked != null && naive != null) {
            target("naive (5) / @Forked (2), total/N", naive.perTestTotal / forked.perTestTotal, "x", ">= 8",
                    v -> v >= 8);
        }
        for (String key : List.of("3", "4")) {
            Row row = rows.get(key);
            if (forked != null && row != null && row.absentReason == null) {
                target(row.label + " over @Forked, total/N", row.perTestTotal - forked.perTestTotal, "ms", "<= 10",
                        v -> v <= 10);
            }
        }
        if (forked != null) {
            target("@Forked child peak RSS (VmHWM)", forked.peak.medianPeakMiB(), "MiB", "<= 48", v -> v <= 48);
            System.out.printf(Locale.ROOT, LABEL + " %8.2f MiB%n", "@Forked child private memory (RssAnon)",
                    forked.peak.medianPrivateMiB());
        }
        if (forked != null && parallel != null) {
            target("throughput parallel x2 / sequential", forked.total / parallel.total, "x", ">= 1.7",
                    v -> v >= 1.7);
        }
        Row naiveParallel = rows.get("npar");
        if (naive != null && naiveParallel != null) {
            System.out.printf(Locale.ROOT, LABEL + " %8.2f x   (this machine's gain from a second core, no nsunit)%n",
                    "throughput naive 2 at a time / one at a time", naive.perTestTotal / naiveParallel.perTestTotal);
        }
    }

    /** The summary lines' label column, wide enough for the longest goal's name. */
    private static final String LABEL = "%-56s";

    private static void target(String name, double value, String unit, String goal,
                               java.util.function.DoublePredicate met) {
        System.out.printf(Locale.ROOT, LABEL + " %8.2f %-3s target %-9s %s%n", name, value, unit, goal,
                met.test(value) ? "met" : "NOT MET");
    }

    private static String javaPath() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    /** One line of the results table. */
    private record Row(String label, Stats perTest, double perTestTotal, double total, PeakMemorySamples peak,
                       String sample, String absentReason) {
        Row(String label, Stats perTest, double perTestTotal, double total, PeakMemorySamples peak, String sample) {
            this(label, perTest, perTestTotal, total, peak, sample, null);
        }

        static Row absent(String label, String reason) {
            return new Row(label, null, Double.NaN, Double.NaN, null, "", reason);
        }
    }

    /** The command line: {@code --tests N --rounds R --naive N --floor N --modes 1,2,... --config k=v}. */
    private record Options(int tests, int rounds, int naive, int floorRuns, Set<String> modes,
                           Map<String, String> config, Map<String, Map<String, String>> variants, String console,
                           String floorClassPath, String command) {
        static Options parse(String[] args) {
            int tests = 20;
            int rounds = 3;
            Integer naive = null;
            int floor = 20;
            Set<String> modes = new TreeSet<>(List.of("1", "2", "3", "4", "5", "6", "par", "npar"));
            Map<String, String> config = new LinkedHashMap<>();
            Map<String, Map<String, String>> variants = new LinkedHashMap<>();
            String console = null;
            String floorCp = null;
            String command = "bench/run";
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--tests" -> tests = Integer.parseInt(value);
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--naive" -> naive = Integer.parseInt(value);
                    case "--floor" -> floor = Integer.parseInt(value);
                    case "--modes" -> modes = new TreeSet<>(List.of(value.split(",")));
                    case "--config" -> {
                        int eq = value.indexOf('=');
                        if (eq < 0) {
                            throw new IllegalArgumentException("--config expects key=value, got " + value);
                        }
                        config.put(value.substring(0, eq), value.substring(eq + 1));
                    }
                    case "--variant" -> {
                        String[] parts = value.split(";");
                        Map<String, String> variant = new LinkedHashMap<>();
                        for (int p = 1; p < parts.length; p++) {
                            int eq = parts[p].indexOf('=');
                            variant.put(parts[p].substring(0, eq), parts[p].substring(eq + 1));
                        }
                        variants.put(parts[0], variant);
                    }
                    case "--console" -> console = value;
                    case "--floor-cp" -> floorCp = value;
                    case "--command" -> command = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; expected --tests N --rounds R --naive N --floor N --modes 1,2,3,4,5,6,par,npar"
                            + " --config key=value --variant 'label;key=value;key=value'");
                }
                i++;
            }
            if (tests < 1) {
                throw new IllegalArgumentException("--tests must be at least 1");
            }
            return new Options(tests, rounds, naive == null ? tests : naive, floor, modes, config, variants, console,
                    floorCp, command);
        }
    }
}
