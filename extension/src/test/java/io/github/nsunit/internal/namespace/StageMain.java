package io.github.nsunit.internal.namespace;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Test helper run as its own JVM (e.g. as an unprivileged user): probes the host, wraps a command in the chosen
 * stage and runs it, exiting with the status its own {@code Process.waitFor()} saw.
 *
 * <p>Usage: {@code StageMain STRATEGY NAMESPACES|none FRESH_TMP(true|false) -- COMMAND...}. Prints
 * {@code privilege=NAME} (or the refusal) on stderr; exits {@value #UNAVAILABLE} when namespaces are refused.
 */
public final class StageMain {

    static final int UNAVAILABLE = 42;

    private StageMain() {
    }

    public static void main(String[] args) throws Exception {
        Strategy strategy = Strategy.parse(args[0]);
        Set<Namespace> namespaces = EnumSet.noneOf(Namespace.class);
        if (!args[1].equals("none")) {
            Arrays.stream(args[1].split(",")).map(Namespace::valueOf).forEach(namespaces::add);
        }
        NamespaceRequest request = new NamespaceRequest(namespaces, Boolean.parseBoolean(args[2]));
        List<String> command = List.of(args).subList(4, args.length);
        Privilege privilege;
        try {
            privilege = HostProbe.shared().choose(strategy, request);
        } catch (NamespaceUnavailableException e) {
            System.err.println("unavailable: " + e.getMessage());
            System.exit(UNAVAILABLE);
            return;
        }
        System.err.println("privilege=" + privilege.configName());
        List<String> wrapped = NamespaceStage.forThisProcess(request, privilege, System.getenv(), java.util.Optional.empty()).wrap(command);
        Process process = new ProcessBuilder(wrapped).inheritIO().start();
        int status = process.waitFor();
        System.err.println("status=" + status);
        System.exit(status);
    }
}
