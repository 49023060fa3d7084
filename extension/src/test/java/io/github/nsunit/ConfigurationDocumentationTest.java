package io.github.nsunit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docs/configuration.md and the code in step: every {@code "nsunit.…"} name the main sources spell out as a
 * string literal has a row in one of the page's two tables (parameters, and names that are not parameters), and
 * every row names something the code still reads or writes. A source scan, so it holds wherever the names live.
 */
class ConfigurationDocumentationTest {
    /** Relative to the module directory, where Surefire runs the tests. */
    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Path PAGE = Path.of("../docs/configuration.md");
    private static final String PARAMETERS_HEADING = "## Parameters";
    private static final String OTHER_NAMES_HEADING = "## Names that are not parameters";

    /** A whole literal that is a name, not a prefix ({@code "nsunit.child."}) or a sentence that starts with one. */
    private static final Pattern NAME_LITERAL = Pattern.compile("\"(nsunit(?:\\.[a-z0-9-]+)+)\"");
    /** A table row whose first cell is a name in backticks. */
    private static final Pattern NAME_ROW = Pattern.compile("^\\| `(nsunit(?:\\.[a-z0-9-]+)+)` \\|");

    @Test
    void everyNameInTheCodeHasARowAndEveryRowNamesSomethingInTheCode() {
        Set<String> inCode = namesInMainSources();
        Set<String> documented = new TreeSet<>(rowsUnder(PARAMETERS_HEADING));
        documented.addAll(rowsUnder(OTHER_NAMES_HEADING));

        assertThat(inCode).as("names in %s (found by scanning for string literals)", MAIN_SOURCES)
                .contains("nsunit.unavailable", "nsunit.child.timeout");
        assertThat(difference(inCode, documented)).as("names in the code without a row in %s", PAGE).isEmpty();
        assertThat(difference(documented, inCode)).as("rows in %s naming nothing in the code", PAGE).isEmpty();
    }

    @Test
    void aNameIsEitherAParameterOrNot() {
        Set<String> both = new TreeSet<>(rowsUnder(PARAMETERS_HEADING));
        both.retainAll(rowsUnder(OTHER_NAMES_HEADING));
        assertThat(rowsUnder(PARAMETERS_HEADING)).contains("nsunit.unavailable", "nsunit.namespaces.strategy");
        assertThat(both).as("names in both tables of %s", PAGE).isEmpty();
    }

    @Test
    void everyParameterStatesADefaultAndAMeaning() {
        for (String row : lines().stream().filter(line -> NAME_ROW.matcher(line).find()).toList()) {
            List<String> cells = Stream.of(row.split("\\|")).map(String::strip).skip(1).toList();
            assertThat(cells).as(row).allSatisfy(cell -> assertThat(cell).isNotEmpty());
        }
    }

    private static Set<String> namesInMainSources() {
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            Set<String> names = new TreeSet<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = NAME_LITERAL.matcher(Files.readString(file));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names in the first column of the table that follows {@code heading}, up to the next heading. */
    private static Set<String> rowsUnder(String heading) {
        List<String> lines = lines();
        int start = lines.indexOf(heading);
        assertThat(start).as("heading %s in %s", heading, PAGE).isNotNegative();
        Set<String> names = new TreeSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            Matcher matcher = NAME_ROW.matcher(line);
            if (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static List<String> lines() {
        try {
            return Files.readAllLines(PAGE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> difference(Set<String> from, Set<String> without) {
        return from.stream().filter(name -> !without.contains(name)).collect(Collectors.toCollection(TreeSet::new));
    }
}
