package shop;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InventoryTest {
    private static List<String> catalogue;
    private Inventory inventory;

    @BeforeAll
    static void loadCatalogue() {
        catalogue = List.of("apple", "pear", "plum");
    }

    @BeforeEach
    void createInventory() {
        inventory = new Inventory();
    }

    @Test
    void catalogueWasLoadedBeforeAll() {
        assertEquals(3, catalogue.size());
    }

    @Nested
    class WhenEmpty {

        @Test
        void countsZero() {
            assertEquals(0, inventory.count("apple"));
            assertTrue(inventory.snapshot().isEmpty());
        }

        @Test
        void refusesToRemove() {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> inventory.remove("pear", 1));
            assertEquals("only 0 pear in stock", refused.getMessage());
        }
    }

    @Nested
    class WhenStocked {

        @BeforeEach
        void stock() {
            catalogue.forEach(article -> inventory.add(article, 5));
        }

        @Test
        void removesWhatIsThere() {
            inventory.remove("plum", 5);
            assertEquals(0, inventory.count("plum"));
            assertEquals(5, inventory.count("apple"));
        }
    }
}
