package io.github.nsunit.internal.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** jnr-ffi is loaded only when a native call is made: every isolated test would pay for it otherwise. */
class LibCHolderTest {

    private static final List<String> LOG_CLASS_LOADING = List.of("-Xlog:class+load=info");

    @Test
    void validatingAndBuildingAFilterDoNotLoadJnr() {
        ChildJvm.Result result = ChildJvm.withTestClassPath().run(List.of(), LOG_CLASS_LOADING, "no-native-step");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.value("filter")).isEqualTo("9");
        assertThat(result.output()).contains("io.github.nsunit.internal.linux.LoopbackUp ").doesNotContain("jnr.ffi.");
    }

    @Test
    void theFirstNativeCallLoadsJnrAndCallsLibc() {
        ChildJvm.Result result = ChildJvm.withTestClassPath().run(List.of(), LOG_CLASS_LOADING, "timing");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.output()).contains("jnr.ffi.LibraryLoader ").containsPattern("pid=[1-9][0-9]* first-call-ms=");
    }
}
