package io.github.nsunit.internal.child;

import io.github.nsunit.internal.channel.ChildSettings;
import io.github.nsunit.internal.linux.Hostname;
import io.github.nsunit.internal.linux.LoopbackUp;
import io.github.nsunit.internal.linux.Mounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finishes, inside the child, the isolation that only a process already inside its namespaces can do. Runs
 * before the JUnit launcher, so {@code @BeforeAll} already sees a working loopback and its hostname. Each step
 * loads jnr-ffi, so a child that asks for none of them never pays for it.
 */
final class ChildSetup {
    private ChildSetup() {
    }

    static void apply(ChildSettings settings) {
        if (settings.loopbackUp()) {
            LoopbackUp.run();
        }
        settings.hostname().ifPresent(hostname -> {
            Hostname.set(hostname);
            resolveOwnHostname(hostname);
        });
    }

    /**
     * {@code InetAddress.getLocalHost()} resolves the hostname, and neither the host's {@code /etc/hosts} nor
     * DNS (absent in a new network namespace) knows the new one: give the child an {@code /etc/hosts} that
     * does, bind-mounted in its private mount namespace. The source file is deleted once mounted; the mount
     * keeps it alive for exactly as long as the namespace lives.
     */
    private static void resolveOwnHostname(String hostname) {
        Path etcHosts = Path.of("/etc/hosts");
        try {
            String hosts = Files.exists(etcHosts) ? Files.readString(etcHosts, StandardCharsets.UTF_8) : "";
            Path copy = Files.createTempFile("nsunit-hosts-", "");
            try {
                Files.writeString(copy, hosts + (hosts.endsWith("\n") || hosts.isEmpty() ? "" : "\n")
                        + "127.0.1.1\t" + hostname + "\n::1\t" + hostname + "\n", StandardCharsets.UTF_8);
                Mounts.bind(copy, etcHosts);
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give the child an /etc/hosts that names " + hostname, e);
        }
    }
}
