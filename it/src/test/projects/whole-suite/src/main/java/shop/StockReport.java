package shop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes an inventory as CSV. */
public final class StockReport {
    private StockReport() {
    }

    public static Path write(Inventory inventory, Path directory) throws IOException {
        List<String> lines = new ArrayList<>(List.of("article,quantity"));
        for (Map.Entry<String, Integer> entry : new TreeMap<>(inventory.snapshot()).entrySet()) {
            lines.add(entry.getKey() + "," + entry.getValue());
        }
        return Files.write(directory.resolve("stock.csv"), lines);
    }
}
