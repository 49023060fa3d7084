package io.github.nsunit;

import io.github.nsunit.internal.api.TaskNames;
import io.github.nsunit.internal.api.TaskOutcome;
import io.github.nsunit.internal.api.TaskRequest;
import io.github.nsunit.internal.api.TaskRunner;
import io.github.nsunit.internal.cgroup.CgroupLimits;
import io.github.nsunit.internal.channel.Assignment;
import io.github.nsunit.internal.channel.ReturnValues;
import io.github.nsunit.internal.namespace.Namespace;
import io.github.nsunit.internal.namespace.NamespaceRequest;
import io.github.nsunit.internal.namespace.Strategy;
import io.github.nsunit.internal.plan.IsolationRules;
import io.github.nsunit.internal.plan.IsolationRules.Caller;
import io.github.nsunit.internal.plan.IsolationSpec;
import org.apiguardian.api.API;

import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The options of a programmatic run ({@link Isolated#with()}), immutable: each method returns a copy with one
 * more option. The same isolation as the annotations, with the same host requirements: a limit needs a cgroup
 * hierarchy nsunit may write (root, or {@value NsunitProperties#CGROUP_BASE} pointing to a delegated subtree), a
 * namespace needs util-linux {@code unshare} and the right to use it. When the host cannot, {@code run} and
 * {@code call} throw {@link IsolationUnavailableException} naming what was tried and the remedies. The run-wide
 * settings {@value NsunitProperties#CGROUP_BASE} and {@value NsunitProperties#NAMESPACE_STRATEGY} are read from
 * system properties (there is no JUnit configuration here).
 *
 * <p>The child's stdout and stderr are kept in the {@link RunResult} and, unless {@link #quiet()}, also relayed
 * to this JVM's {@code System.out}/{@code System.err} as they arrive, as the annotations do.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IsolatedRun {
    /** The default timeout, the same as {@value Forked#CHILD_TIMEOUT_PROPERTY_NAME}'s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    /** Declared after the constants its fields start from. */
    static final IsolatedRun DEFAULTS = new IsolatedRun();

    private OptionalLong memoryBytes = OptionalLong.empty();
    private String memoryText = "";
    private MemoryLimit.Scope memoryScope = MemoryLimit.Scope.PROCESS;
    private OptionalDouble cpuCores = OptionalDouble.empty();
    private OptionalLong pidsMax = OptionalLong.empty();
    private Set<Namespace> namespaces = EnumSet.noneOf(Namespace.class);
    private boolean freshTmp;
    private Optional<String> hostname = Optional.empty();
    private Duration timeout = DEFAULT_TIMEOUT;
    private List<String> jvmArgs = List.of();
    private List<String> deniedSyscalls = List.of();
    private boolean fastStart = true;
    private boolean relayOutput = true;

    private IsolatedRun() {
    }

    private IsolatedRun copy() {
        IsolatedRun copy = new IsolatedRun();
        copy.memoryBytes = memoryBytes;
        copy.memoryText = memoryText;
        copy.memoryScope = memoryScope;
        copy.cpuCores = cpuCores;
        copy.pidsMax = pidsMax;
        copy.namespaces = namespaces.isEmpty() ? EnumSet.noneOf(Namespace.class) : EnumSet.copyOf(namespaces);
        copy.freshTmp = freshTmp;
        copy.hostname = hostname;
        copy.timeout = timeout;
        copy.jvmArgs = jvmArgs;
        copy.deniedSyscalls = deniedSyscalls;
        copy.fastStart = fastStart;
        copy.relayOutput = relayOutput;
        return copy;
    }

    /** A memory limit on the child JVM and everything it starts, from birth, like {@link MemoryLimit}. */
    public IsolatedRun memoryLimit(String size) {
        return memoryLimit(size, MemoryLimit.Scope.PROCESS);
    }

    /**
     * A memory limit, e.g. {@code "64M"}; with {@link MemoryLimit.Scope#TEST}, what the task may use on top of the
     * started child, set just before the task runs.
     */
    public IsolatedRun memoryLimit(String size, MemoryLimit.Scope scope) {
        long bytes = checked("memoryLimit(\"" + size + "\"" + (scope == MemoryLimit.Scope.TEST
                ? ", MemoryLimit.Scope.TEST" : "") + ")", () -> IsolationRules.memoryBytes(size, scope, Caller.API));
        IsolatedRun copy = copy();
        copy.memoryBytes = OptionalLong.of(bytes);
        copy.memoryText = size.strip();
        copy.memoryScope = scope;
        return copy;
    }

    /** At most this many CPU cores (a CFS quota), like {@link CpuLimit}, e.g. {@code 0.5}. */
    public IsolatedRun cpuLimit(double cores) {
        checked("cpuLimit(" + cores + ")", () -> IsolationRules.cpuCores(cores, Caller.API));
        IsolatedRun copy = copy();
        copy.cpuCores = OptionalDouble.of(cores);
        return copy;
    }

    /** At most this many tasks (processes and threads), like {@link PidsLimit}. */
    public IsolatedRun pidsLimit(int max) {
        checked("pidsLimit(" + max + ")", () -> IsolationRules.pidsMax(max, Caller.API));
        IsolatedRun copy = copy();
        copy.pidsMax = OptionalLong.of(max);
        return copy;
    }

    /** A new PID namespace with its own {@code /proc}, like {@link IsolatedPid}. */
    public IsolatedRun isolatedPid() {
        return withNamespaces(Namespace.PID);
    }

    /** A new network namespace with only loopback, brought up, like {@link IsolatedNetwork}. */
    public IsolatedRun isolatedNetwork() {
        return withNamespaces(Namespace.NETWORK);
    }

    /** A private mount namespace with a fresh, empty {@code /tmp}, like {@link IsolatedMount}. */
    public IsolatedRun isolatedMount() {
        return isolatedMount(true);
    }

    /** A private mount namespace; {@code freshTmp} gives it an empty tmpfs on {@code /tmp}. */
    public IsolatedRun isolatedMount(boolean freshTmp) {
        IsolatedRun copy = withNamespaces(Namespace.MOUNT);
        copy.freshTmp = freshTmp;
        return copy;
    }

    /** A new UTS namespace with this hostname, like {@link IsolatedHostname}. */
    public IsolatedRun hostname(String name) {
        checked("hostname(\"" + name + "\")", () -> IsolationRules.hostname(name));
        // the child bind-mounts an /etc/hosts naming the new hostname, in a mount namespace of its own
        IsolatedRun copy = withNamespaces(Namespace.UTS);
        copy.hostname = Optional.of(name);
        return copy;
    }

    /** A new IPC namespace, like {@link IsolatedIpc}. */
    public IsolatedRun isolatedIpc() {
        return withNamespaces(Namespace.IPC);
    }

    /** A new user namespace in which the task is root, like {@link IsolatedUser}. */
    public IsolatedRun isolatedUser() {
        return withNamespaces(Namespace.USER);
    }

    /** How long the task may run, start-up included, before its threads are dumped and it is killed. */
    public IsolatedRun timeout(Duration limit) {
        checked("timeout(" + limit + ")", () -> IsolationRules.timeout(limit));
        IsolatedRun copy = copy();
        copy.timeout = limit;
        return copy;
    }

    /** Options added to the child JVM's command line, after those given before, e.g. {@code "-Xmx32m"}. */
    public IsolatedRun jvmArgs(String... options) {
        List<String> added = checked("jvmArgs(" + String.join(", ", Arrays.asList(options)) + ")",
                () -> IsolationRules.jvmOptions(Arrays.asList(options)));
        IsolatedRun copy = copy();
        List<String> all = new ArrayList<>(jvmArgs);
        all.addAll(added);
        copy.jvmArgs = List.copyOf(all);
        return copy;
    }

    /** System calls that fail with {@code EPERM} in the task, like {@link DenySyscalls}. */
    public IsolatedRun denySyscalls(String... names) {
        List<String> list = checked("denySyscalls(" + String.join(", ", names) + ")",
                () -> IsolationRules.deniedSyscalls(List.of(names), Caller.API));
        IsolatedRun copy = copy();
        copy.deniedSyscalls = list;
        return copy;
    }

    /**
     * {@code true} (default) starts the child with options that favour a short life (C1 only, SerialGC, no perf
     * data), each left out where {@link #jvmArgs} choose otherwise; {@code false} uses the JVM's defaults.
     */
    public IsolatedRun fastStart(boolean enabled) {
        IsolatedRun copy = copy();
        copy.fastStart = enabled;
        return copy;
    }

    /** Keeps the child's output in the result only, without relaying it to this JVM's stdout and stderr. */
    public IsolatedRun quiet() {
        IsolatedRun copy = copy();
        copy.relayOutput = false;
        return copy;
    }

    /** Runs {@code task} in a child JVM with these options. */
    public RunResult<Void> run(SerializableRunnable task) {
        return start(serialized(task), TaskNames.of(task), task.getClass().getClassLoader());
    }

    /** Calls {@code task} in a child JVM with these options and brings back what it returns. */
    public <T> RunResult<T> call(SerializableCallable<T> task) {
        return start(serialized(task), TaskNames.of(task), task.getClass().getClassLoader());
    }

    /** Creates a {@code type} with its no-arg constructor in a child JVM and runs it. */
    public RunResult<Void> run(Class<? extends Runnable> type) {
        return start(byClass(type), TaskNames.of(type), type.getClassLoader());
    }

    /** Creates a {@code type} with its no-arg constructor in a child JVM, calls it and brings back the value. */
    public <T> RunResult<T> call(Class<? extends Callable<T>> type) {
        return start(byClass(type), TaskNames.of(type), type.getClassLoader());
    }

    private <T> RunResult<T> start(Assignment.Work task, String taskName, ClassLoader loader) {
        CgroupLimits limits = new CgroupLimits(
                memoryScope == MemoryLimit.Scope.PROCESS ? memoryBytes : OptionalLong.empty(), cpuCores, pidsMax);
        boolean testScoped = memoryBytes.isPresent() && memoryScope == MemoryLimit.Scope.TEST;
        IsolationSpec isolation = new IsolationSpec("api-" + taskName, limits,
                testScoped ? memoryBytes : OptionalLong.empty(), new NamespaceRequest(namespaces, freshTmp),
                strategy(), hostname, deniedSyscalls);
        String memory = memoryBytes.isEmpty() ? ""
                : "memoryLimit(" + memoryText + (testScoped ? ", scope = TEST" : "") + ")";
        TaskOutcome outcome = TaskRunner.run(new TaskRequest(taskName, task, loader, isolation, jvmArgs, fastStart,
                timeout, relayOutput, memory));
        return new RunResult<>(new RunResult.Values(outcome.taskName(), outcome.ending(), outcome.value(),
                outcome.valueProblem(), outcome.thrown(), outcome.exitStatus(), outcome.exitCall(),
                outcome.exitStack(), outcome.stdout(), outcome.stderr(), outcome.memoryLimitBytes(),
                outcome.peakMemoryBytes(), outcome.oomKills(), outcome.cpuTimeNanos(), outcome.timeout(),
                outcome.elapsed(), outcome.pid(), outcome.lastWords()));
    }

    private static Strategy strategy() {
        String value = System.getProperty(NsunitProperties.NAMESPACE_STRATEGY);
        return value == null || value.isBlank() ? Strategy.AUTO : Strategy.parse(value);
    }

    private static Assignment.Work serialized(Object task) {
        if (task == null) {
            throw new IllegalArgumentException("the task is null: pass a lambda or an object to run");
        }
        byte[] bytes;
        try {
            bytes = ReturnValues.encode(task, "the task " + TaskNames.of(task));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " A lambda that uses a field or method of the test"
                    + " captures the test instance: copy what it needs into local variables first.", e.getCause());
        }
        return new Assignment.SerializedTask(bytes);
    }

    private static Assignment.Work byClass(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " is abstract: pass a concrete class with a no-arg"
                    + " constructor");
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " is an inner class: its constructor needs an"
                    + " enclosing instance, which the child JVM does not have. Make it a static nested or"
                    + " top-level class.");
        }
        try {
            type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no no-arg constructor: the child JVM creates"
                    + " the task with one. Add one, or pass a serializable lambda instead.", e);
        }
        return new Assignment.TaskClass(type.getName());
    }

    /** The checked value, or the rule's refusal naming the method as the caller wrote it. */
    private static <T> T checked(String call, Supplier<T> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(call + ": " + e.getMessage(), e);
        }
    }

    private IsolatedRun withNamespaces(Namespace... added) {
        IsolatedRun copy = copy();
        for (Namespace namespace : added) {
            copy.namespaces.addAll(namespace.withWhatItNeeds());
        }
        return copy;
    }
}
