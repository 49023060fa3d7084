package io.github.nsunit.internal.child;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

import java.lang.instrument.Instrumentation;
import java.util.function.BiConsumer;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;

/**
 * A Java agent for the child that adds a call to {@link #HOOK} at the start of {@code Runtime.exit} and
 * {@code Runtime.halt}, so both are reported with their status and the calling stack before the JVM goes; a
 * halt runs no shutdown hook and would otherwise leave only its status. It costs about half a second of
 * start-up (byte-buddy), so only children that ask for it get it ({@code @ExpectSystemExit}).
 */
public final class ExitAgent {
    /**
     * Where the advice finds its callback: a system property holds it, because the advice is inlined into
     * {@code java.lang.Runtime}, whose class loader sees no class of nsunit.
     */
    public static final String HOOK = "nsunit.exit.hook";

    private ExitAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .ignore(none())
                .type(named("java.lang.Runtime"))
                .transform((builder, type, loader, module, domain) ->
                        builder.visit(Advice.to(ExitAdvice.class).on(named("exit").or(named("halt")))))
                .installOn(instrumentation);
    }

    /** Inlined into {@code Runtime.exit(int)} and {@code Runtime.halt(int)}: only bootstrap classes here. */
    static final class ExitAdvice {
        private ExitAdvice() {
        }

        @Advice.OnMethodEnter
        @SuppressWarnings("unchecked")
        static void enter(@Advice.Argument(0) int status, @Advice.Origin("#m") String method) {
            Object hook = System.getProperties().get(HOOK);
            if (hook instanceof BiConsumer) {
                ((BiConsumer<String, Integer>) hook).accept(method, status);
            }
        }
    }
}
