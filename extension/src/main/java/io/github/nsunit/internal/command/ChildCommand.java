package io.github.nsunit.internal.command;

import io.github.nsunit.internal.cache.ChildStart;
import io.github.nsunit.internal.cache.SharedArchive;
import io.github.nsunit.internal.stage.ParentDeathStage;
import io.github.nsunit.internal.stage.CommandStage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The full command that starts a child for a spec, save the path of its own channel: two specs with the same
 * {@link #key()} start interchangeable children, which is what lets a child be started before its test is known.
 */
public final class ChildCommand {
    /** Stands for the channel path in the key; every child gets a FIFO of its own. */
    private static final Path CHANNEL_PLACEHOLDER = Path.of("/nsunit-channel");

    private final List<String> javaCommand;
    private final List<CommandStage> stages;
    private final java.util.Optional<ChildCgroup> cgroup;
    private final String key;

    private ChildCommand(List<String> javaCommand, List<CommandStage> stages,
                         java.util.Optional<ChildCgroup> cgroup) {
        this.javaCommand = List.copyOf(javaCommand);
        this.stages = List.copyOf(stages);
        this.cgroup = cgroup;
        this.key = String.join("\u0000", withChannel(CHANNEL_PLACEHOLDER, java.util.Optional.empty()))
                + "\u0000cgroup:" + cgroup.map(ChildCgroup::key).orElse("none");
    }

    public static ChildCommand of(ChildSpec spec) throws IOException {
        List<String> jvmArgs = new ArrayList<>(spec.jvmArgs());
        if (spec.stages().stream().anyMatch(stage -> !stage.keepsParentDeathSignal())) {
            jvmArgs.add(OrphanWatch.markedChildOption());
        }
        ChildStart start = new ChildStart(ChildClassPath.of(spec.testClassLoader()), jvmArgs);
        if (spec.sharedArchiveDirectory().isPresent()) {
            start = SharedArchive.apply(start.classPath(), start.jvmArgs(), spec.testClassLoader(),
                    spec.sharedArchiveDirectory().get());
        }
        // The JVM sets user.timezone on first use of the default zone: read it now, or the command, and with it a
        // spare's key, would change mid-run when a test first touches a date.
        java.util.TimeZone.getDefault();
        List<String> java = JavaCommand.of(start.classPath(), ModuleOptions.ofThisJvm(),
                ChildSystemProperties.of(System.getProperties()), start.jvmArgs(), ChannelStage.CHILD_PATH);
        List<CommandStage> stages = new ArrayList<>();
        stages.add(new ParentDeathStage());
        stages.addAll(spec.stages());
        return new ChildCommand(java, stages, spec.cgroup());
    }

    public String key() {
        return key;
    }

    /** Where the cgroup the child is born in comes from, if it needs one. */
    public java.util.Optional<ChildCgroup> cgroup() {
        return cgroup;
    }

    /**
     * The command, wrapped in every stage, with the channel FIFO opened where descriptors survive, and joining
     * the child's cgroup first (after the parent-death stage), so everything after is born inside it.
     */
    public List<String> withChannel(Path fifo, java.util.Optional<CommandStage> cgroupJoin) {
        List<CommandStage> all = new ArrayList<>(stages);
        cgroupJoin.ifPresent(join -> all.add(1, join));
        all.add(channelPosition(all), new ChannelStage(fifo));
        List<String> command = javaCommand;
        for (int i = all.size() - 1; i >= 0; i--) {
            command = all.get(i).wrap(command);
        }
        return command;
    }

    /**
     * The channel is opened before any isolation step (a descriptor survives namespace changes that hide paths),
     * but after the last stage that would close it.
     */
    private static int channelPosition(List<CommandStage> stages) {
        int position = 1; // after the parent-death stage, which only execs
        for (int i = 0; i < stages.size(); i++) {
            if (!stages.get(i).passesDescriptors()) {
                position = i + 1;
            }
        }
        return position;
    }
}
