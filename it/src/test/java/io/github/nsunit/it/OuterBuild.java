package io.github.nsunit.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the outer Maven build tells this JVM through system properties (see it/pom.xml). */
final class OuterBuild {
    private OuterBuild() {
    }

    /** The nsunit version under test, which the sample projects depend on. */
    static String nsunitVersion() {
        return required("nsunit.it.version");
    }

    static String junitVersion() {
        return required("nsunit.it.junit-version");
    }

    static String surefireVersion() {
        return required("nsunit.it.surefire-version");
    }

    /** The outer build's local repository: the inner builds must resolve the nsunit jar that was installed there. */
    static Path localRepository() {
        return Path.of(required("nsunit.it.local-repository"));
    }

    static boolean offline() {
        return Boolean.parseBoolean(required("nsunit.it.offline"));
    }

    /** The outer build's own {@code mvn}, or the one on the PATH when it cannot be found. */
    static String mavenExecutable() {
        return Optional.ofNullable(System.getProperty("nsunit.it.maven-home"))
                .map(home -> Path.of(home, "bin", "mvn"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .orElse("mvn");
    }

    /** Where the sample projects' sources are. */
    static Path projects() {
        return Path.of(required("nsunit.it.projects"));
    }

    /** Where the sample projects are copied to and built. */
    static Path work() {
        return Path.of(required("nsunit.it.work"));
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("system property " + name + " is not set (value: " + value + "). These"
                    + " tests run under Maven Failsafe, which sets it from it/pom.xml: run `mvn -B install` from"
                    + " the repository root.");
        }
        return value;
    }
}
