package sample;

/** Called only by an isolated test: covered only if the child JVM carried JaCoCo's agent. */
public final class OnlyIsolated {
    private OnlyIsolated() {
    }

    public static int twice(int value) {
        return value * 2;
    }
}
