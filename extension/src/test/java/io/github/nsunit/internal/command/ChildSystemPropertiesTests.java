package io.github.nsunit.internal.command;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ChildSystemPropertiesTests {

    @Test
    void keepsWhatTheUserSetAndDropsWhatEveryJvmDerivesForItself() {
        Properties properties = new Properties();
        properties.setProperty("feature.flag", "on");
        properties.setProperty("db.url", "jdbc:h2:mem:test");
        properties.setProperty("java.version", "17.0.15");
        properties.setProperty("java.class.path", "/some/jar");
        properties.setProperty("os.name", "Linux");
        properties.setProperty("user.home", "/root");
        properties.setProperty("user.dir", "/work");
        properties.setProperty("sun.arch.data.model", "64");
        properties.setProperty("jdk.debug", "release");
        properties.setProperty("line.separator", "\n");
        properties.setProperty("surefire.real.class.path", "/booter.jar");
        properties.setProperty("nsunit.child.timeout", "1 s");

        assertThat(ChildSystemProperties.of(properties))
                .containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of(
                        "db.url", "jdbc:h2:mem:test", "feature.flag", "on")));
    }

    @Test
    void keepsTheDerivedOnesUsersDoSet() {
        Properties properties = new Properties();
        properties.setProperty("java.io.tmpdir", "/var/tmp");
        properties.setProperty("user.timezone", "UTC");
        properties.setProperty("user.language", "de");
        properties.setProperty("user.country", "CH");
        properties.setProperty("file.encoding", "UTF-8");
        properties.setProperty("java.util.logging.config.file", "/etc/logging.properties");

        assertThat(ChildSystemProperties.of(properties)).hasSize(6).containsEntry("user.timezone", "UTC");
    }

    @Test
    void dropsDerivedOnesTheJvmHasNotSetYetAndNonStringValues() {
        Properties properties = new Properties();
        properties.setProperty("user.timezone", "");
        properties.put("not.a.string", 42);

        assertThat(ChildSystemProperties.of(properties)).isEmpty();
    }

    /** Issue 14.10: {@code -Dfeature=} reached the child as no property at all. */
    @Test
    void keepsAnEmptyValueTheUserSet() {
        Properties properties = new Properties();
        properties.setProperty("feature.flag", "");

        assertThat(ChildSystemProperties.of(properties)).containsExactly(java.util.Map.entry("feature.flag", ""));
    }
}
