package io.github.nsunit.internal.extension;

import io.github.nsunit.Forked;
import io.github.nsunit.NsunitProperties;
import io.github.nsunit.internal.cache.CacheDirectory;
import io.github.nsunit.internal.plan.IsolationRules;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The run-wide nsunit configuration parameters, parsed once per run and kept in the root context's store, so a
 * wrong value fails every isolated test with the same clear message before any child starts.
 */
record RunConfiguration(List<String> childJvmArgs, Duration childTimeout, boolean fastStart,
                        DefaultIsolation defaultIsolation, Optional<Path> sharedArchiveDirectory,
                        boolean prestart, int prestartCount, boolean warmUp, LeakPolicy leaks,
                        Optional<Duration> debugHold, boolean trackingCgroup) {
    static final Duration DEFAULT_CHILD_TIMEOUT = Duration.ofMinutes(10);
    /** The most spares started ahead: each is a JVM started at once, and a few already keep every core busy. */
    static final int MAX_PRESTART_COUNT = 8;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunConfiguration.class);

    static RunConfiguration of(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunConfiguration.class, key -> parse(context), RunConfiguration.class);
    }

    private static RunConfiguration parse(ExtensionContext context) {
        List<String> jvmArgs = context.getConfigurationParameter(Forked.CHILD_JVM_ARGS_PROPERTY_NAME)
                .map(RunConfiguration::jvmArgs).orElse(List.of());
        Duration timeout = durationParameter(context, Forked.CHILD_TIMEOUT_PROPERTY_NAME).orElse(DEFAULT_CHILD_TIMEOUT);
        boolean fastStart = booleanParameter(context, Forked.CHILD_FAST_START_PROPERTY_NAME).orElse(true);
        DefaultIsolation isolation = context.getConfigurationParameter(NsunitProperties.ISOLATION_DEFAULT)
                .map(DefaultIsolation::parse).orElse(DefaultIsolation.NONE);
        // Read only when isolation is refused; a typo must not wait for the one host that refuses to show up.
        UnavailablePolicy.runWide(context);
        boolean prestart = booleanParameter(context, Forked.CHILD_PRESTART_PROPERTY_NAME).orElse(true);
        int prestartCount = context.getConfigurationParameter(Forked.CHILD_PRESTART_COUNT_PROPERTY_NAME)
                .map(RunConfiguration::prestartCount).orElse(2);
        boolean warmUp = booleanParameter(context, Forked.CHILD_WARM_UP_PROPERTY_NAME).orElse(true);
        LeakPolicy leaks = context.getConfigurationParameter(Forked.LEAKS_PROPERTY_NAME).map(LeakPolicy::parse)
                .orElse(LeakPolicy.WARN);
        Optional<Duration> debugHold = durationParameter(context, Forked.DEBUG_HOLD_PROPERTY_NAME);
        boolean trackingCgroup = booleanParameter(context, Forked.CHILD_TRACKING_CGROUP_PROPERTY_NAME).orElse(true);
        return new RunConfiguration(jvmArgs, timeout, fastStart, isolation, sharedArchiveDirectory(context), prestart,
                prestartCount, warmUp, leaks, debugHold, trackingCgroup);
    }

    // --- start-up lever: class-data-sharing archive (Forked.CHILD_CLASS_DATA_SHARING_PROPERTY_NAME) ---
    private static Optional<Path> sharedArchiveDirectory(ExtensionContext context) {
        if (!booleanParameter(context, Forked.CHILD_CLASS_DATA_SHARING_PROPERTY_NAME).orElse(true)) {
            return Optional.empty();
        }
        return Optional.of(context.getConfigurationParameter(Forked.CHILD_CLASS_DATA_SHARING_DIRECTORY_PROPERTY_NAME)
                .map(String::strip).filter(s -> !s.isEmpty()).map(Path::of)
                .orElseGet(RunConfiguration::defaultSharedArchiveDirectory).toAbsolutePath());
    }

    /** {@code $XDG_CACHE_HOME/nsunit/cds}, else {@code ~/.cache/nsunit/cds}: outside the project, kept between builds. */
    private static Path defaultSharedArchiveDirectory() {
        return CacheDirectory.path().resolve("cds");
    }

    private static Optional<Duration> durationParameter(ExtensionContext context, String name) {
        return context.getConfigurationParameter(name)
                .map(value -> TimeoutFormat.parse(value).orElseThrow(() -> new ExtensionConfigurationException(
                        "configuration parameter " + name + "=\"" + value + "\" is not a duration: expected "
                                + TimeoutFormat.ACCEPTED)));
    }

    /** The run's {@value Forked#CHILD_JVM_ARGS_PROPERTY_NAME}, split as {@link OptionLine} says, each an option. */
    static List<String> jvmArgs(String value) {
        try {
            return IsolationRules.jvmOptions(OptionLine.split(value));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("configuration parameter " + Forked.CHILD_JVM_ARGS_PROPERTY_NAME
                    + "=\"" + value + "\": " + e.getMessage() + " (" + OptionLine.ACCEPTED + ")", e);
        }
    }

    /**
     * The run's {@value Forked#CHILD_PRESTART_COUNT_PROPERTY_NAME}, bounded: each spare is a JVM of some 50 MiB
     * started at once, and a count of hundreds once started hundreds of JVMs, which no host has cores for.
     */
    static int prestartCount(String value) {
        try {
            int count = Integer.parseInt(value.strip());
            if (count >= 1 && count <= MAX_PRESTART_COUNT) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ExtensionConfigurationException("configuration parameter " + Forked.CHILD_PRESTART_COUNT_PROPERTY_NAME
                + "=\"" + value + "\" is not a count: expected a whole number from 1 to " + MAX_PRESTART_COUNT);
    }

    static Optional<Boolean> booleanParameter(ExtensionContext context, String name) {
        return context.getConfigurationParameter(name).map(String::strip).map(value -> {
            if (Arrays.asList("true", "false").contains(value.toLowerCase(java.util.Locale.ROOT))) {
                return Boolean.parseBoolean(value);
            }
            throw new ExtensionConfigurationException("configuration parameter " + name + "=\"" + value
                    + "\" is not a boolean: expected true or false");
        });
    }
}
