package io.github.nsunit.internal.command;

import io.github.nsunit.internal.cache.PrivateDirectory;
import io.github.nsunit.internal.process.ChildOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The channel stage opens only the FIFO the parent made: where it went missing or became a regular file, the
 * real shell exits with the no-channel status instead of writing the result into a file nobody reads.
 */
class ChannelStageTest {
    private Path directory;

    @BeforeEach
    void privateDirectory() throws IOException {
        directory = PrivateDirectory.create();
    }

    @AfterEach
    void removeIt() {
        PrivateDirectory.delete(directory);
    }

    @Test
    void aMissingFifoIsNotCreatedAsAFile() throws Exception {
        Path fifo = directory.resolve("channel");

        assertThat(run(fifo)).isEqualTo(ChildOutcome.NO_CHANNEL_STATUS);
        assertThat(fifo).doesNotExist();
        assertThat(Fifo.isFifo(fifo)).isFalse();
    }

    @Test
    void aRegularFileInThePlaceOfTheFifoIsNotWrittenTo() throws Exception {
        Path fifo = Files.writeString(directory.resolve("channel"), "");

        assertThat(run(fifo)).isEqualTo(ChildOutcome.NO_CHANNEL_STATUS);
        assertThat(Files.size(fifo)).isZero();
        assertThat(Fifo.isFifo(fifo)).isFalse();
    }

    @Test
    void aLinkToAFifoIsNotTheFifo() throws Exception {
        Path real = directory.resolve("real");
        Fifo.create(real);
        Path link = Files.createSymbolicLink(directory.resolve("channel"), real);

        assertThat(Fifo.isFifo(real)).isTrue();
        assertThat(Fifo.isFifo(link)).isFalse();
    }

    @Test
    void theFifoItselfIsOpenedAsDescriptorThree() throws Exception {
        Path fifo = directory.resolve("channel");
        Fifo.create(fifo);
        Process stage = new ProcessBuilder(new ChannelStage(fifo).wrap(List.of("sh", "-c", "echo through >&3")))
                .start();
        String read = Files.readString(fifo); // opening the read end lets the stage's open finish

        assertThat(stage.waitFor()).isZero();
        assertThat(read).isEqualTo("through\n");
    }

    private static int run(Path fifo) throws Exception {
        Process stage = new ProcessBuilder(new ChannelStage(fifo).wrap(List.of("sh", "-c", "echo written >&3")))
                .redirectErrorStream(true).start();
        String output = new String(stage.getInputStream().readAllBytes());
        assertThat(output).contains("is not a FIFO");
        return stage.waitFor();
    }
}
