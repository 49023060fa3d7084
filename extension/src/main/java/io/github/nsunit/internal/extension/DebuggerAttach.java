package io.github.nsunit.internal.extension;

import io.github.nsunit.Forked;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Forked#DEBUG_JDWP_PROPERTY_NAME}: the child JVM starts with JDWP listening on that address and
 * suspended until a debugger attaches, so a breakpoint in an isolated test is hit in the child, where it runs.
 */
record DebuggerAttach(String address, int port) {
    private static final Pattern ADDRESS = Pattern.compile("(?:([^:\\s]+):)?(\\d{1,5})");

    static Optional<DebuggerAttach> of(ExtensionContext context) {
        return context.getConfigurationParameter(Forked.DEBUG_JDWP_PROPERTY_NAME).map(String::strip)
                .filter(value -> !value.isEmpty()).map(DebuggerAttach::parse);
    }

    static DebuggerAttach parse(String value) {
        Matcher matcher = ADDRESS.matcher(value);
        if (matcher.matches()) {
            int port = Integer.parseInt(matcher.group(2));
            if (port >= 1 && port <= 65535) {
                return new DebuggerAttach(value, port);
            }
        }
        throw new ExtensionConfigurationException("configuration parameter " + Forked.DEBUG_JDWP_PROPERTY_NAME
                + "=\"" + value + "\" is not a debug address: expected a port (5005) or host:port (*:5005,"
                + " localhost:5005), the port from 1 to 65535");
    }

    /** The child's JDWP agent: a server on the address, suspended until a debugger attaches. */
    String jvmOption() {
        return "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=" + address;
    }

    /** What the test's output says, once the child (pid {@code pid}) is waiting. */
    String instructions(String testName, long pid, boolean ownNetwork) {
        String host = address.contains(":") ? address.substring(0, address.lastIndexOf(':')) : "localhost";
        String attach = (host.equals("*") || host.equals("0.0.0.0") ? "localhost" : host) + ":" + port;
        StringBuilder text = new StringBuilder("[nsunit] ").append(testName).append(": its child JVM (pid ")
                .append(pid).append(") waits for a debugger on ").append(address).append(" (")
                .append(Forked.DEBUG_JDWP_PROPERTY_NAME).append(").\n");
        if (ownNetwork) {
            text.append("[nsunit]   the port is in the test's own network namespace (@IsolatedNetwork);"
                    + " attach from inside it: nsenter --target ").append(pid).append(" --net jdb -attach ")
                    .append(port).append('\n');
        } else {
            text.append("[nsunit]   attach: jdb -attach ").append(attach)
                    .append(", or IntelliJ IDEA's \"Remote JVM Debug\" run configuration on port ").append(port)
                    .append('\n');
        }
        return text.toString();
    }
}
