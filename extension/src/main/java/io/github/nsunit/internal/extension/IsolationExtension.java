package io.github.nsunit.internal.extension;

import io.github.nsunit.MemoryUsage;
import io.github.nsunit.internal.child.BeforeBody;
import io.github.nsunit.internal.child.ChildMode;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;

/**
 * The extension behind every nsunit annotation. In the parent JVM it skips the test's own invocations and
 * runs the test in a child JVM instead ({@link TestRun}); in a child it lets everything proceed.
 */
public final class IsolationExtension implements InvocationInterceptor, ParameterResolver {

    /** A test may take its own {@link MemoryUsage}; it is read only in the child, where the body runs. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MemoryUsage.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (!ChildMode.isChild()) {
            return null; // the parent never runs the body it would be passed to
        }
        return MemoryUsage.ofThisJvm();
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        runIsolated(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        runIsolated(invocation, context);
    }

    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        if (ChildMode.isChild() || !IsolationRequest.isIsolated(context)) {
            return invocation.proceed();
        }
        throw new ExtensionConfigurationException(TestNames.of(context) + " is a @TestFactory: nsunit cannot"
                + " isolate it, because JUnit runs its dynamic tests in the JVM that created them. Isolate a"
                + " @Test or @ParameterizedTest instead, or remove the nsunit annotation from this method.");
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                          ExtensionContext context) throws Throwable {
        proceedOnlyInChild(invocation, context);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                         ExtensionContext context) throws Throwable {
        proceedOnlyInChild(invocation, context);
    }

    /**
     * When the class is isolated (annotated, or by the run's default), every test of it runs in a child, so
     * {@code @BeforeAll} runs in each child; in the parent only where JUnit computes a test template's invocations
     * there ({@link ParentClassLifecycle}).
     */
    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                         ExtensionContext context) throws Throwable {
        proceedInChildOrForTemplates(invocation, context);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                        ExtensionContext context) throws Throwable {
        proceedInChildOrForTemplates(invocation, context);
    }

    private static void proceedInChildOrForTemplates(Invocation<Void> invocation, ExtensionContext context)
            throws Throwable {
        if (!ChildMode.isChild() && ParentClassLifecycle.runsInParent(context)) {
            invocation.proceed();
        } else {
            proceedOnlyInChild(invocation, context);
        }
    }

    private static void runIsolated(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        if (ChildMode.isChild()) {
            BeforeBody.run();
            invocation.proceed();
            return;
        }
        if (!IsolationRequest.isIsolated(context)) {
            invocation.proceed();
            return;
        }
        invocation.skip();
        TestRun.run(context, IsolationRequest.of(context), RunConfiguration.of(context));
    }

    private static void proceedOnlyInChild(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        if (ChildMode.isChild() || !IsolationRequest.isIsolated(context)) {
            invocation.proceed();
        } else {
            invocation.skip();
        }
    }
}
