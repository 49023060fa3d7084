package shop;

import java.util.Map;
import java.util.TreeMap;

/** Stock per article. */
public final class Inventory {
    private final Map<String, Integer> stock = new TreeMap<>();

    public void add(String article, int quantity) {
        stock.merge(article, quantity, Integer::sum);
    }

    public void remove(String article, int quantity) {
        int left = count(article) - quantity;
        if (left < 0) {
            throw new IllegalStateException("only " + count(article) + " " + article + " in stock");
        }
        stock.put(article, left);
    }

    public int count(String article) {
        return stock.getOrDefault(article, 0);
    }

    public Map<String, Integer> snapshot() {
        return Map.copyOf(stock);
    }
}
