package io.github.nsunit.internal.plan;

import io.github.nsunit.MemoryLimit;
import io.github.nsunit.internal.cgroup.CgroupLimits;
import io.github.nsunit.internal.plan.IsolationRules.Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules both entry points apply (issue 14.10), checked without starting anything. */
class IsolationRulesTests {

    @ParameterizedTest
    @ValueSource(strings = {"0.5", "0.9K", "4095"})
    void aTestScopedMemoryLimitBelowOnePageIsRefused(String text) {
        assertThatThrownBy(() -> IsolationRules.memoryBytes(text, MemoryLimit.Scope.TEST, Caller.ANNOTATION))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is below one 4 KiB page, the least the kernel can limit");
    }

    @Test
    void aTestScopedMemoryLimitOfOnePageIsTaken() {
        assertThat(IsolationRules.memoryBytes("4K", MemoryLimit.Scope.TEST, Caller.API)).isEqualTo(4096);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.5", "16M", "35.9M"})
    void aProcessMemoryLimitBelowWhatAJvmStartsInIsRefusedByBothCallers(String text) {
        for (Caller caller : Caller.values()) {
            assertThatThrownBy(() -> IsolationRules.memoryBytes(text, MemoryLimit.Scope.PROCESS, caller))
                    .hasMessageContaining("is below the 36 MiB a child JVM needs to start");
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.005, 0.00999, 1e9, 175921861, Double.NaN, Double.POSITIVE_INFINITY, 0, -1})
    void aCpuLimitOutsideTheKernelsQuotaRangeIsRefused(double cores) {
        assertThatThrownBy(() -> IsolationRules.cpuCores(cores, Caller.ANNOTATION))
                .hasMessage("expected a number of cores from 0.01 to 175921860 (the kernel's CFS quota range: 1 ms"
                        + " to 2^44-1 µs per 100 ms period), e.g. @CpuLimit(0.5)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.5, 64, 175921860})
    void aCpuLimitInsideTheRangeIsTakenAndPassesCgroupLimitsLastGuard(double cores) {
        assertThat(IsolationRules.cpuCores(cores, Caller.API)).isEqualTo(cores);
        assertThat(new CgroupLimits(OptionalLong.empty(), OptionalDouble.of(cores), OptionalLong.empty())
                .cpuCores()).hasValue(cores);
    }

    @Test
    void aPidsLimitAboveTheKernelsMaximumIsRefused() {
        assertThatThrownBy(() -> IsolationRules.pidsMax(4_194_305, Caller.API))
                .hasMessage("the kernel's pids.max is at most 4194304 (PID_MAX_LIMIT); expected 24 to 4194304, e.g."
                        + " pidsLimit(64)");
        assertThat(IsolationRules.pidsMax(4_194_304, Caller.API)).isEqualTo(4_194_304);
    }

    @Test
    void anEmptySyscallListIsRefused() {
        assertThatThrownBy(() -> IsolationRules.deniedSyscalls(List.of(), Caller.API))
                .hasMessage("names no system call to deny; name at least one, e.g. denySyscalls(\"mkdir\","
                        + " \"mkdirat\")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Main", "x", "", "=-Dx"})
    void aJvmArgumentThatIsNotAnOptionIsRefused(String word) {
        assertThatThrownBy(() -> IsolationRules.jvmOptions(List.of("-Xss512k", word)))
                .hasMessage("\"" + word + "\" is not a JVM option: expected options that each start with '-' (or an"
                        + " @argfile), e.g. -Xmx256m or -Dname=value; anything else would become the child's main"
                        + " class");
    }

    @Test
    void optionsAndArgumentFilesAreTaken() {
        assertThat(IsolationRules.jvmOptions(List.of("-Xss512k", "-Dx=a b", "@/tmp/options")))
                .containsExactly("-Xss512k", "-Dx=a b", "@/tmp/options");
    }

    @Test
    void aTimeoutPastTheNanosecondClocksReachIsRefused() {
        assertThatThrownBy(() -> IsolationRules.timeout(Duration.ofDays(36_501)))
                .hasMessage("expected a positive duration up to 36500 days, e.g. Duration.ofSeconds(30)");
        assertThat(IsolationRules.timeout(Duration.ofDays(36_500))).isEqualTo(Duration.ofDays(36_500));
    }
}
