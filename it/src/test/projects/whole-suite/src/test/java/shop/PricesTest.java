package shop;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
