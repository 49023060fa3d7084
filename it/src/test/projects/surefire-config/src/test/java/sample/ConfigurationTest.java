package sample;

import io.github.nsunit.Forked;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each test checks, in its child JVM, one piece of the Surefire configuration in pom.xml. */
@Forked
@ExtendWith(FlavourRecorder.class)
class ConfigurationTest {

    @BeforeEach
    void inChild() {
        Child.assertInChild();
    }

    @Test
    void systemPropertyVariables() {
        assertEquals("pom-value", System.getProperty("nsunit.it.from-pom"));
    }

    @Test
    void argLineSystemProperty() {
        assertEquals("arg-line-value", System.getProperty("nsunit.it.from-arg-line"));
    }

    @Test
    void environmentVariables() {
        assertEquals("env-value", System.getenv("NSUNIT_IT_FROM_POM"));
    }

    @Test
    void configurationParameter() {
        assertEquals("plum", FlavourRecorder.flavour);
    }

    @Test
    void runWideChildJvmArgs() {
        assertEquals("jvm-args-value", System.getProperty("nsunit.it.from-child-jvm-args"));
    }

    @Test
    @Forked(jvmArgs = "-Dnsunit.it.from-annotation=annotation-value")
    void annotationJvmArgs() {
        assertEquals("annotation-value", System.getProperty("nsunit.it.from-annotation"));
        assertEquals("jvm-args-value", System.getProperty("nsunit.it.from-child-jvm-args"));
    }
}
