package io.github.nsunit.internal.namespace;

import io.github.nsunit.internal.linux.ProcessIdentity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Test helper: one way to run a command through a {@link NamespaceStage} — in this (root) JVM with a given
 * privilege, or in a separate JVM started as another user that probes the host itself.
 */
abstract class Executor {

    /** The uid the command's outside identity should have. */
    final long outsideUid;
    final String name;

    private Executor(String name, long outsideUid) {
        this.name = name;
        this.outsideUid = outsideUid;
    }

    abstract Run run(NamespaceRequest request, List<String> command);

    /** The privilege the stage uses. */
    abstract Privilege privilege();

    @Override
    public String toString() {
        return name;
    }

    /** This JVM (root), with a privilege forced. */
    static Executor inProcess(Privilege privilege, ProcessIdentity user) {
        return new Executor("root JVM, " + privilege.configName(), privilege == Privilege.SUDO ? user.uid() : 0) {
            @Override
            Run run(NamespaceRequest request, List<String> command) {
                return Run.of(new NamespaceStage(request, privilege, user, Map.of("PATH", System.getenv("PATH")))
                        .wrap(command));
            }

            @Override
            Privilege privilege() {
                return privilege;
            }
        };
    }

    /** A JVM started as {@code uid} through setpriv, probing with {@code strategy}: the expected choice is checked. */
    static Executor otherJvm(String who, long uid, long gid, String strategy, Privilege expected) {
        return new Executor(who + " JVM, " + strategy, uid) {
            @Override
            Run run(NamespaceRequest request, List<String> command) {
                Run run = Run.of(stageMainCommand(uid, gid, strategy, request, command), Path.of("/"));
                if (!run.stderr().contains("privilege=" + expected.configName())) {
                    throw new AssertionError("expected the probe to choose " + expected.configName() + ": " + run);
                }
                return run;
            }

            @Override
            Privilege privilege() {
                return expected;
            }
        };
    }

    static List<String> stageMainCommand(long uid, long gid, String strategy, NamespaceRequest request,
            List<String> command) {
        String namespaces = request.namespaces().isEmpty() ? "none"
                : request.namespaces().stream().map(Enum::name).collect(Collectors.joining(","));
        List<String> full = new ArrayList<>(Arrays.asList(
                "setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // no hsperfdata file in /tmp (it would outlive a killed JVM), and a quick start
                "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", testClassPath(), StageMain.class.getName(),
                strategy, namespaces, String.valueOf(request.freshTmp()), "--"));
        full.addAll(command);
        return full;
    }

    /** Only our own classes: the dependency jars live under /root/.m2, which another user cannot read. */
    private static String testClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(":"))
                .filter(entry -> entry.endsWith("classes") || entry.endsWith("classes/"))
                .collect(Collectors.joining(":"));
    }

    static Set<Namespace> all() {
        return Set.of(Namespace.values());
    }
}
