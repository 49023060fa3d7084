package io.github.nsunit.internal;

import io.github.nsunit.Forked;
import io.github.nsunit.NsunitProperties;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15.7: every configuration parameter's name in one place, enumerable for the reference table. */
class ConfigurationParameterTests {
    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Set<String> DECLARING = Set.of("Forked.java", "NsunitProperties.java");

    @Test
    void theListHoldsExactlyThePublicParameterNames() throws IllegalAccessException {
        List<String> constants = new ArrayList<>();
        for (Class<?> holder : List.of(Forked.class, NsunitProperties.class)) {
            for (Field field : holder.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && Modifier.isPublic(field.getModifiers())
                        && field.getType() == String.class) {
                    constants.add((String) field.get(null));
                }
            }
        }

        assertThat(Arrays.stream(ConfigurationParameter.values()).map(ConfigurationParameter::parameterName))
                .containsExactlyInAnyOrderElementsOf(constants);
        assertThat(ConfigurationParameter.values()).allSatisfy(p -> assertThat(p.description()).isNotBlank());
    }

    /** A name spelled out elsewhere drifts from the constant: the code must read the constant. */
    @Test
    void noOtherMainSourceSpellsOutAParameterName() throws IOException {
        Set<String> names = Arrays.stream(ConfigurationParameter.values()).map(ConfigurationParameter::parameterName)
                .collect(Collectors.toSet());
        List<String> spelled = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (DECLARING.contains(file.getFileName().toString())) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).strip();
                    if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                        continue; // comments may name a parameter for the reader
                    }
                    for (String name : names) {
                        if (code.contains("\"" + name) || code.contains(name + "\"") || code.contains(" " + name + " ")) {
                            spelled.add(MAIN_SOURCES.relativize(file) + ":" + (i + 1) + " " + name);
                        }
                    }
                }
            }
        }
        assertThat(spelled).isEmpty();
    }
}
