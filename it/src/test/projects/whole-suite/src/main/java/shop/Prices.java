package shop;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Prices in cents, with a percentage discount. */
public final class Prices {
    private final int discountPercent;

    public Prices(int discountPercent) {
        if (discountPercent < 0 || discountPercent > 100) {
            throw new IllegalArgumentException("discount must be 0..100 percent, was " + discountPercent);
        }
        this.discountPercent = discountPercent;
    }

    public long discounted(long cents) {
        return BigDecimal.valueOf(cents).multiply(BigDecimal.valueOf(100 - discountPercent))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
