package io.github.nsunit.internal.stage;

import java.util.List;

/**
 * One link in the chain of processes that starts a child JVM.
 *
 * <p>The chain is built from the inside out: the innermost command is {@code java ... ChildMain}; each stage
 * receives the command that runs the rest of the chain and returns the command that first does its own set-up
 * (join a cgroup, unshare namespaces, mount a private {@code /tmp}) and then runs that rest. A stage must
 * either {@code exec} the rest in the same process, or, if it forks, pass on the exit status and the signal
 * that ended the rest and kill the rest when it dies itself (util-linux {@code unshare --fork --kill-child}
 * does both). Arguments are always passed positionally, never spliced into a shell script.
 */
@FunctionalInterface
public interface CommandStage {

    /** Returns the command that sets up this stage and then runs {@code next}. */
    List<String> wrap(List<String> next);

    /**
     * Whether the processes of this stage pass inherited file descriptors on to the rest. {@code sudo} does
     * not (it closes every descriptor above 2), so the channel must be opened inside such a stage.
     */
    default boolean passesDescriptors() {
        return true;
    }

    /**
     * Whether a parent-death signal set before this stage still reaches the rest. A setuid {@code sudo} clears
     * it, and so does the change back to the user after it: the launcher then watches for the parent's death
     * another way.
     */
    default boolean keepsParentDeathSignal() {
        return true;
    }
}
