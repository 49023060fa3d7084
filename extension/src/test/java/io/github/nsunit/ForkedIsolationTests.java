package io.github.nsunit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.File;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Points 1 and 2: each test gets a fresh JVM of its own, which is otherwise the parent's twin. */
class ForkedIsolationTests {
    private static final String USER_PROPERTY = "nsunit.test.user-property";
    private static final String JUPITER_PARAMETER = "junit.jupiter.execution.timeout.mode";
    private static final String CUSTOM_PARAMETER = "nsunit.test.custom-parameter";

    private static EngineRun classLevel;
    private static EngineRun methodLevel;
    private static EngineRun metaAnnotated;

    @BeforeAll
    static void runFixtures() {
        System.setProperty(USER_PROPERTY, "set in the parent");
        try {
            classLevel = EngineRun.of(ClassLevelTestCase.class, Map.of(
                    Forked.CHILD_JVM_ARGS_PROPERTY_NAME, "-Dnsunit.test.run-wide=yes -Dnsunit.test.second=too",
                    JUPITER_PARAMETER, "disabled_on_debug"));
        } finally {
            System.clearProperty(USER_PROPERTY);
        }
        methodLevel = EngineRun.of(MethodLevelTestCase.class);
        metaAnnotated = EngineRun.of(MetaAnnotatedTestCase.class);
    }

    @AfterAll
    static void forgetRuns() {
        classLevel = methodLevel = metaAnnotated = null;
    }

    @Test
    void everyTestOfAForkedClassRunsInAFreshJvmOfItsOwn() {
        classLevel.results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        List<Map<String, String>> tests = List.of(classLevel.entriesOf("first").get(0),
                classLevel.entriesOf("second").get(0));
        assertThat(tests).extracting(t -> t.get("pid"))
                .doesNotContain(String.valueOf(EngineRun.parentPid()))
                .doesNotHaveDuplicates();
        assertThat(tests).extracting(t -> t.get("static counter")).containsOnly("1");
    }

    @Test
    void aForkedMethodRunsInAChildAndItsUnforkedNeighbourInTheParent() {
        methodLevel.results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        assertThat(methodLevel.entriesOf("forked").get(0).get("pid"))
                .isNotEqualTo(String.valueOf(EngineRun.parentPid()));
        assertThat(methodLevel.entriesOf("notForked").get(0).get("pid"))
                .isEqualTo(String.valueOf(EngineRun.parentPid()));
    }

    @Test
    void aMetaAnnotationForksAndPassesItsJvmArgs() {
        metaAnnotated.results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
        Map<String, String> child = metaAnnotated.entriesOf("viaMeta").get(0);
        assertThat(child.get("pid")).isNotEqualTo(String.valueOf(EngineRun.parentPid()));
        assertThat(child.get("flavour")).isEqualTo("meta");
    }

    @Test
    void jvmArgsOfTheAnnotationAndOfTheRunReachTheChild() {
        Map<String, String> child = classLevel.entriesOf("first").get(0);
        assertThat(child.get("flavour")).isEqualTo("class");
        assertThat(child.get("run-wide")).isEqualTo("yes");
        assertThat(child.get("second")).isEqualTo("too");
        Map<String, String> forked = methodLevel.entriesOf("forked").get(0);
        assertThat(Long.parseLong(forked.get("maxMemory"))).isBetween(32L << 20, 64L << 20);
        assertThat(Runtime.getRuntime().maxMemory()).isGreaterThan(64L << 20);
    }

    @Test
    void theChildIsTheSameJavaWithTheSameClassPathDirectoryAndEnvironment() {
        Map<String, String> child = classLevel.entriesOf("first").get(0);
        assertThat(child.get("java.home")).isEqualTo(System.getProperty("java.home"));
        // Surefire's class path ends with an empty entry, which the child leaves out
        assertThat(entries(child.get("java.class.path"))).isEqualTo(entries(System.getProperty("java.class.path")));
        assertThat(child.get("user.dir")).isEqualTo(System.getProperty("user.dir"));
        assertThat(child.get("env")).isEqualTo(new TreeMap<>(System.getenv()).toString());
    }

    @Test
    void userDefinedSystemPropertiesOfTheParentReachTheChild() {
        assertThat(classLevel.entriesOf("first").get(0).get("user property")).isEqualTo("set in the parent");
        assertThat(methodLevel.entriesOf("forked").get(0).get("user property")).isEqualTo("<unset>");
    }

    @Test
    void wellKnownJupiterConfigurationParametersReachTheChild() {
        assertThat(classLevel.entriesOf("first").get(0).get(JUPITER_PARAMETER)).isEqualTo("disabled_on_debug");
        assertThat(methodLevel.entriesOf("forked").get(0).get(JUPITER_PARAMETER)).isEqualTo("<unset>");
    }

    /**
     * Any parameter of a run started through the Launcher (Surefire, an IDE, the console launcher) reaches the
     * child, because ConfigurationCapture learns the run's names from its test plan.
     */
    @Test
    void configurationParametersOfALauncherRunReachTheChild() {
        Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
        Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(MethodLevelTestCase.class))
                .configurationParameter(CUSTOM_PARAMETER, "given to the launcher")
                .build(), new TestExecutionListener() {
                    @Override
                    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
                        entries.computeIfAbsent(test.getDisplayName(), k -> new ConcurrentHashMap<>())
                                .putAll(entry.getKeyValuePairs());
                    }

                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        results.put(test.getDisplayName(), result);
                    }
                });
        assertThat(results.get("forked(TestReporter, Parameters)").getStatus())
                .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(entries.get("forked(TestReporter, Parameters)").get(CUSTOM_PARAMETER))
                .isEqualTo("given to the launcher");
    }

    private static List<String> entries(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator)).filter(e -> !e.isEmpty()).toList();
    }

    /** Reports what a test sees of the JVM it runs in. */
    static void reportJvm(TestReporter reporter, Parameters parameters) {
        reporter.publishEntry("pid", String.valueOf(ProcessHandle.current().pid()));
        reporter.publishEntry("maxMemory", String.valueOf(Runtime.getRuntime().maxMemory()));
        reporter.publishEntry("flavour", System.getProperty("nsunit.test.flavour", "<unset>"));
        reporter.publishEntry("run-wide", System.getProperty("nsunit.test.run-wide", "<unset>"));
        reporter.publishEntry("second", System.getProperty("nsunit.test.second", "<unset>"));
        reporter.publishEntry("user property", System.getProperty(USER_PROPERTY, "<unset>"));
        for (String key : List.of("java.home", "java.class.path", "user.dir")) {
            reporter.publishEntry(key, System.getProperty(key));
        }
        reporter.publishEntry("env", new TreeMap<>(System.getenv()).toString());
        for (String key : List.of(JUPITER_PARAMETER, CUSTOM_PARAMETER)) {
            reporter.publishEntry(key, parameters.get(key).orElse("<unset>"));
        }
    }

    /** A test's view of the run's configuration parameters. */
    interface Parameters {
        Optional<String> get(String key);
    }

    static final class ParametersResolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Parameters.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return (Parameters) context::getConfigurationParameter;
        }
    }

    @Forked(jvmArgs = "-Dnsunit.test.flavour=class")
    @ExtendWith(ParametersResolver.class)
    static class ClassLevelTestCase {
        static int counter;

        @Test
        void first(TestReporter reporter, Parameters parameters) {
            counter++;
            reporter.publishEntry("static counter", String.valueOf(counter));
            reportJvm(reporter, parameters);
        }

        @Test
        void second(TestReporter reporter, Parameters parameters) {
            counter++;
            reporter.publishEntry("static counter", String.valueOf(counter));
            reportJvm(reporter, parameters);
        }
    }

    @ExtendWith(ParametersResolver.class)
    static class MethodLevelTestCase {
        @Test
        @Forked(jvmArgs = {"-Xmx64m", "-Dnsunit.test.flavour=method"})
        void forked(TestReporter reporter, Parameters parameters) {
            reportJvm(reporter, parameters);
        }

        @Test
        void notForked(TestReporter reporter, Parameters parameters) {
            reportJvm(reporter, parameters);
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @Forked(jvmArgs = "-Dnsunit.test.flavour=meta")
    @interface Isolated {
    }

    @Isolated
    @ExtendWith(ParametersResolver.class)
    static class MetaAnnotatedTestCase {
        @Test
        void viaMeta(TestReporter reporter, Parameters parameters) {
            reportJvm(reporter, parameters);
        }
    }
}
