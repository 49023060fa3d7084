package io.github.nsunit.internal.child;

import io.github.nsunit.SerializableCallable;
import io.github.nsunit.SerializableRunnable;
import io.github.nsunit.internal.channel.Assignment;
import io.github.nsunit.internal.channel.ChannelWriter;
import io.github.nsunit.internal.channel.ReturnValues;
import io.github.nsunit.internal.channel.TestResult;
import io.github.nsunit.internal.channel.ThrowableCodec;

import java.lang.reflect.Constructor;
import java.util.concurrent.Callable;

/**
 * Runs the task of a programmatic run ({@code Isolated.call}) instead of a test: a serialized lambda, or a class
 * with a no-arg constructor implementing {@link Runnable} or {@link Callable}. The value it returns goes back
 * over the channel before the result; what it throws is the result's throwable, as for a test.
 */
final class CallableRunner {
    private final ChannelWriter channel;

    CallableRunner(ChannelWriter channel) {
        this.channel = channel;
    }

    TestResult run(Assignment.Work work) {
        Object task;
        try {
            task = load(work);
            BeforeBody.run();
        } catch (RuntimeException | LinkageError e) {
            return new TestResult(TestResult.Status.NOT_RUN, ThrowableCodec.encode(e), ChildMain.SET_UP_STEP);
        }
        Object value;
        try {
            value = invoke(task);
        } catch (Throwable thrown) { // everything the task throws is its result, OutOfMemoryError included
            return new TestResult(TestResult.Status.FAILED, ThrowableCodec.encode(thrown), null);
        }
        try {
            channel.returnValue(ReturnValues.encode(value, "the value the task returned"));
        } catch (IllegalArgumentException notSerializable) {
            return new TestResult(TestResult.Status.FAILED, ThrowableCodec.encode(notSerializable), null);
        }
        return new TestResult(TestResult.Status.SUCCESSFUL, null, null);
    }

    private static Object load(Assignment.Work work) {
        if (work instanceof Assignment.SerializedTask serialized) {
            return ReturnValues.decode(serialized.serialized(), ClassLoader.getSystemClassLoader(), "the task");
        }
        String className = ((Assignment.TaskClass) work).className();
        try {
            Constructor<?> constructor = Class.forName(className, true, ClassLoader.getSystemClassLoader())
                    .getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the task " + className + " with its no-arg constructor"
                    + " in the child JVM: " + e, e);
        }
    }

    private static Object invoke(Object task) throws Exception {
        if (task instanceof SerializableCallable<?> callable) {
            return callable.call();
        }
        if (task instanceof SerializableRunnable runnable) {
            runnable.run();
            return null;
        }
        if (task instanceof Callable<?> callable) {
            return callable.call();
        }
        if (task instanceof Runnable runnable) {
            runnable.run();
            return null;
        }
        throw new IllegalStateException("the task " + task.getClass().getName() + " is neither a Runnable nor a"
                + " Callable");
    }
}
