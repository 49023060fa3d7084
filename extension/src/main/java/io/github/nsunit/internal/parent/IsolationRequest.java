package io.github.nsunit.internal.parent;

import io.github.nsunit.Forked;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the annotations on a test ask for, read from the outermost enclosing class down to the method, so a
 * method's annotation refines its class's.
 */
record IsolationRequest(List<String> jvmArgs) {

    static IsolationRequest of(ExtensionContext context) {
        List<String> jvmArgs = new ArrayList<>();
        for (AnnotatedElement element : AnnotatedElements.outermostFirst(context)) {
            AnnotationSupport.findAnnotation(element, Forked.class)
                    .ifPresent(forked -> jvmArgs.addAll(Arrays.asList(forked.jvmArgs())));
        }
        return new IsolationRequest(List.copyOf(jvmArgs));
    }
}
