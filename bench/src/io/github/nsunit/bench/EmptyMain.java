package io.github.nsunit.bench;

/** The floor: a JVM that starts, runs nothing and exits. */
public final class EmptyMain {
    private EmptyMain() {
    }

    public static void main(String[] args) {
    }
}
