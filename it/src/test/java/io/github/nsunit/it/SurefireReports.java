package io.github.nsunit.it;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The reports one Surefire execution wrote: the {@code TEST-*.xml} files and the {@code *-output.txt} files. */
final class SurefireReports {

    /** How a test ended, as the XML report records it: by the element inside its {@code <testcase>}. */
    enum Outcome {
        PASSED(null), FAILED("failure"), ERROR("error"), SKIPPED("skipped");

        private final String elementName;

        Outcome(String elementName) {
            this.elementName = elementName;
        }
    }

    /** One {@code <testcase>}: its outcome, the type and message of its failure, error or skip, and its output. */
    record TestCase(String className, String name, Outcome outcome, String type, String message, String detail,
                    String systemOut, String systemErr) {
    }

    /** The counts of a {@code <testsuite>}, or their sum. */
    record Counts(int tests, int failures, int errors, int skipped) {
        Counts plus(Counts other) {
            return new Counts(tests + other.tests, failures + other.failures, errors + other.errors,
                    skipped + other.skipped);
        }
    }

    private final Path directory;
    private final List<TestCase> testCases;
    private final Counts totals;

    private SurefireReports(Path directory, List<TestCase> testCases, Counts totals) {
        this.directory = directory;
        this.testCases = testCases;
        this.totals = totals;
    }

    static SurefireReports read(Path directory) {
        List<TestCase> testCases = new ArrayList<>();
        Counts totals = new Counts(0, 0, 0, 0);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(SurefireReports::isXmlReport).sorted().toList()) {
                Element suite = parse(file).getDocumentElement();
                totals = totals.plus(new Counts(intAttribute(suite, "tests"), intAttribute(suite, "failures"),
                        intAttribute(suite, "errors"), intAttribute(suite, "skipped")));
                NodeList cases = suite.getElementsByTagName("testcase");
                for (int i = 0; i < cases.getLength(); i++) {
                    testCases.add(testCase((Element) cases.item(i)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Surefire reports in " + directory, e);
        }
        return new SurefireReports(directory, List.copyOf(testCases), totals);
    }

    List<TestCase> testCases() {
        return testCases;
    }

    /** The sum of the counts of every {@code <testsuite>}. */
    Counts totals() {
        return totals;
    }

    /** The test case of that class ({@code sample.OutcomesTest}) and name ({@code passes}, {@code isOdd(int)[2]}). */
    TestCase testCase(String className, String name) {
        return testCases.stream().filter(t -> t.className().equals(className) && t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no test case " + className + " " + name + " in " + directory
                        + "; it has: " + testCases.stream().map(t -> t.className() + " " + t.name())
                        .collect(Collectors.joining(", "))));
    }

    /** What {@code redirectTestOutputToFile} wrote for that class: its tests' stdout and stderr. */
    String outputFile(String className) {
        Path file = directory.resolve(className + "-output.txt");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Files Surefire writes when something corrupted its channel with its fork ({@code *.dumpstream}). */
    List<Path> dumpStreams() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".dumpstream")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static boolean isXmlReport(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("TEST-") && name.endsWith(".xml");
    }

    private static TestCase testCase(Element element) {
        Outcome outcome = Outcome.PASSED;
        Element problem = null;
        for (Outcome candidate : Outcome.values()) {
            problem = candidate.elementName == null ? null : child(element, candidate.elementName);
            if (problem != null) {
                outcome = candidate;
                break;
            }
        }
        return new TestCase(element.getAttribute("classname"), element.getAttribute("name"), outcome,
                problem == null ? "" : problem.getAttribute("type"),
                problem == null ? "" : problem.getAttribute("message"),
                problem == null ? "" : problem.getTextContent(),
                text(child(element, "system-out")), text(child(element, "system-err")));
    }

    private static Element child(Element parent, String name) {
        NodeList children = parent.getElementsByTagName(name);
        return children.getLength() == 0 ? null : (Element) children.item(0);
    }

    private static String text(Element element) {
        return element == null ? "" : element.getTextContent();
    }

    private static int intAttribute(Element element, String name) {
        return Integer.parseInt(element.getAttribute(name));
    }

    private static Document parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot parse the Surefire report " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Surefire report " + file, e);
        }
    }
}
