package io.github.nsunit.internal.extension;

import io.github.nsunit.internal.process.SpareChild;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Kills the spare child when the engine's run ends (the root context closes), so no idle child JVM stays
 * behind a finished run until the JVM itself exits. Both close interfaces: JUnit 5.10 closes only
 * {@code CloseableResource}s, JUnit 6 prefers {@code AutoCloseable}.
 */
@SuppressWarnings("deprecation")
final class SpareChildCleanup implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SpareChildCleanup.class);

    static void registerFor(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SpareChildCleanup.class,
                key -> new SpareChildCleanup(), SpareChildCleanup.class);
    }

    @Override
    public void close() {
        SpareChild.discard();
    }
}
