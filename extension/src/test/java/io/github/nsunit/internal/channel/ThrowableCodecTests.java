package io.github.nsunit.internal.channel;

import io.github.nsunit.ThrowableStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ThrowableCodecTests {
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void aSerializableThrowableComesBackAsItsOwnTypeWithCausesSuppressedAndStacks() {
        IllegalStateException original = new IllegalStateException("outer",
                new UncheckedIOException("middle", new IOException("root")));
        original.addSuppressed(new UnsupportedOperationException("closing"));

        Throwable decoded = roundTrip(original);

        assertThat(decoded).isExactlyInstanceOf(IllegalStateException.class).hasMessage("outer");
        assertThat(decoded.getStackTrace()).isEqualTo(original.getStackTrace());
        assertThat(decoded.getCause()).isExactlyInstanceOf(UncheckedIOException.class).hasMessage("middle");
        assertThat(decoded.getCause().getCause()).isExactlyInstanceOf(IOException.class).hasMessage("root");
        assertThat(decoded.getCause().getCause().getStackTrace())
                .isEqualTo(original.getCause().getCause().getStackTrace());
        assertThat(decoded.getSuppressed()).singleElement()
                .isExactlyInstanceOf(UnsupportedOperationException.class);
        assertThat(decoded.getSuppressed()[0].getMessage()).isEqualTo("closing");
    }

    @Test
    void anAssertionFailedErrorKeepsExpectedAndActual() {
        Throwable decoded = roundTrip(new AssertionFailedError("differ", 42, 43));

        assertThat(decoded).isExactlyInstanceOf(AssertionFailedError.class).hasMessage("differ");
        assertThat(((AssertionFailedError) decoded).getExpected().getValue()).isEqualTo(42);
        assertThat(((AssertionFailedError) decoded).getActual().getValue()).isEqualTo(43);
    }

    @Test
    void aNonSerializableThrowableBecomesAStandInKeepingClassMessageStackCausesAndSuppressed() {
        NotSerializable original = new NotSerializable("cannot travel", new NotSerializable("its cause", null));
        original.addSuppressed(new IllegalStateException("suppressed"));

        Throwable decoded = roundTrip(original);

        assertThat(decoded).isExactlyInstanceOf(ThrowableStandIn.class).hasMessage("cannot travel")
                .hasToString(NotSerializable.class.getName() + ": cannot travel");
        assertThat(((ThrowableStandIn) decoded).originalClassName()).isEqualTo(NotSerializable.class.getName());
        assertThat(decoded.getStackTrace()).isEqualTo(original.getStackTrace());
        assertThat(decoded.getCause()).isInstanceOf(ThrowableStandIn.class).hasMessage("its cause");
        assertThat(decoded.getSuppressed()).singleElement().hasToString(
                "java.lang.IllegalStateException: suppressed");
    }

    @Test
    void aThrowableWhoseClassTheParentCannotLoadBecomesAStandIn(@TempDir Path dir) throws Exception {
        Throwable original = instanceOfAClassOnlyTheChildHas(dir);

        Throwable decoded = ThrowableCodec.decode(ThrowableCodec.encode(original), loader);

        assertThat(decoded).isExactlyInstanceOf(ThrowableStandIn.class).hasMessage("only in the child")
                .hasToString("nsunit.gone.GoneException: only in the child");
        assertThat(decoded.getStackTrace()).isEqualTo(original.getStackTrace());
    }

    @Test
    void aCycleOfCausesEndsInsteadOfRecursingForever() {
        NotSerializable first = new NotSerializable("first");
        NotSerializable second = new NotSerializable("second", first);
        first.initCause(second);

        Throwable decoded = roundTrip(first);

        assertThat(decoded).hasMessage("first");
        assertThat(decoded.getCause()).hasMessage("second");
        assertThat(decoded.getCause().getCause()).isNull();
    }

    @Test
    void bytesThatAreNotAnEncodedThrowableBecomeAStandInSayingSo() {
        Throwable decoded = ThrowableCodec.decode(new byte[] {0, 0}, loader);

        assertThat(decoded).isInstanceOf(ThrowableStandIn.class)
                .hasMessageStartingWith("the child's throwable could not be decoded");
    }

    private Throwable roundTrip(Throwable original) {
        return ThrowableCodec.decode(ThrowableCodec.encode(original), loader);
    }

    /** Compiles a throwable class into a directory of its own, so this JVM's class path cannot load it. */
    private static Throwable instanceOfAClassOnlyTheChildHas(Path dir) throws Exception {
        Path source = dir.resolve("nsunit/gone/GoneException.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package nsunit.gone; public class GoneException extends RuntimeException {"
                + " public GoneException(String message) { super(message); } }");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, "-d", dir.toString(), source.toString())).isZero();
        try (URLClassLoader childOnly = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            return (Throwable) childOnly.loadClass("nsunit.gone.GoneException").getConstructor(String.class)
                    .newInstance("only in the child");
        }
    }

    /** Its field makes it fail Java serialization. */
    static final class NotSerializable extends RuntimeException {
        private final Object lock = new Object();

        NotSerializable(String message) {
            super(message);
        }

        NotSerializable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void aHelpfulNullPointerExceptionMessageSurvivesTheTrip() {
        NullPointerException original = null;
        try {
            String absent = null;
            absent.length();
        } catch (NullPointerException e) {
            original = e;
        }
        assertThat(original.getMessage()).as("the JDK's helpful message").contains("\"absent\" is null");

        Throwable decoded = roundTrip(original);

        assertThat(decoded).isExactlyInstanceOf(NullPointerException.class).hasMessage(original.getMessage());
        assertThat(decoded.getStackTrace()).isEqualTo(original.getStackTrace());
    }

    @Test
    void aThrowableHoldingATypeAThrowableNeverNeedsArrivesAsAStandInNotAsThatType() {
        GraphCarrier original = new GraphCarrier("carries a lock", new java.util.concurrent.locks.ReentrantLock());

        Throwable decoded = roundTrip(original);

        assertThat(decoded).isExactlyInstanceOf(io.github.nsunit.ThrowableStandIn.class)
                .hasMessageContaining("carries a lock");
        assertThat(decoded.toString()).contains(GraphCarrier.class.getName());
    }

    @Test
    void theProjectsOwnTypesInAThrowableStillComeBackExactly() {
        GraphCarrier original = new GraphCarrier("carries a value", new OwnValue("mine"));

        Throwable decoded = roundTrip(original);

        assertThat(decoded).isExactlyInstanceOf(GraphCarrier.class).hasMessage("carries a value");
        assertThat(((GraphCarrier) decoded).payload).isEqualTo(new OwnValue("mine"));
    }

    @Test
    void aStreamDeeperThanTheFilterAllowsIsRefused() {
        java.util.LinkedList<Object> deep = new java.util.LinkedList<>();
        Object[] chain = new Object[1];
        Object[] head = chain;
        for (int i = 0; i < 1_000; i++) {
            Object[] next = new Object[1];
            chain[0] = next;
            chain = next;
        }
        deep.add(head);
        GraphCarrier original = new GraphCarrier("deep", deep);

        assertThat(roundTrip(original)).isExactlyInstanceOf(io.github.nsunit.ThrowableStandIn.class);
    }

    /** A user exception (from this project's class directory) with a field of any serializable type. */
    static final class GraphCarrier extends RuntimeException {
        final java.io.Serializable payload;

        GraphCarrier(String message, java.io.Serializable payload) {
            super(message);
            this.payload = payload;
        }
    }

    record OwnValue(String name) implements java.io.Serializable {
    }
}
