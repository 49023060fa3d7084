package sample;

/** Called only by an in-process test: the control that shows JaCoCo counts at all. */
public final class OnlyInProcess {
    private OnlyInProcess() {
    }

    public static int thrice(int value) {
        return value * 3;
    }
}
