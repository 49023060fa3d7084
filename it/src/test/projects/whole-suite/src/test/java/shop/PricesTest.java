package shop;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

class PricesTest {
    private Prices tenPercentOff;

    @BeforeEach
    void createPrices() {
        tenPercentOff = new Prices(10);
    }

    @Test
    void takesTenPercentOff() {
        assertEquals(900, tenPercentOff.discounted(1000));
    }

    @ParameterizedTest
    @CsvSource({"0, 999, 999", "50, 999, 500", "100, 999, 0"})
    void roundsHalfUp(int percent, long cents, long expected) {
        assertEquals(expected, new Prices(percent).discounted(cents));
    }

    /** Dynamic tests cannot be isolated: under a run-wide default they run in-process, as without nsunit. */
    @TestFactory
    Stream<DynamicTest> discountTable() {
        return Stream.of(dynamicTest("20% off 100", () -> assertEquals(80, new Prices(20).discounted(100))),
                dynamicTest("uses @BeforeEach", () -> assertEquals(90, tenPercentOff.discounted(100))));
    }

    @Test
    void refusesANegativeDiscount() {
        assertThrows(IllegalArgumentException.class, () -> new Prices(-1));
    }

    /** A known bug, left failing on purpose: 10% off 5 cents is 4.5, rounded half up. */
    @Test
    void knownBugInRounding() {
        assertEquals(4, tenPercentOff.discounted(5), "10% off 5 cents");
    }

    @Disabled("pricing in other currencies is not written yet")
    @Test
    void convertsCurrencies() {
    }
}
