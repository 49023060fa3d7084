package shop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class StockReportTest {
    @TempDir
    Path reports;

    @Test
    void writesAHeaderAndOneLinePerArticle() throws Exception {
        Inventory inventory = new Inventory();
        inventory.add("pear", 2);
        inventory.add("apple", 1);
        Path report = StockReport.write(inventory, reports);
        assertEquals(List.of("article,quantity", "apple,1", "pear,2"), Files.readAllLines(report));
    }

    @Test
    void startsWithAnEmptyDirectory() throws Exception {
        try (var files = Files.list(reports)) {
            assertFalse(files.findAny().isPresent());
        }
    }

    @Test
    void needsADesktop() {
        assumeTrue(System.getenv("DISPLAY") != null, "needs a desktop");
    }
}
