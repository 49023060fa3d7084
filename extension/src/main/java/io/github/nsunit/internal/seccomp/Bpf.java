package io.github.nsunit.internal.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Classic BPF instruction encoding ({@code struct sock_filter}: u16 code, u8 jt, u8 jf, u32 k; 8 bytes). */
final class Bpf {

    static final int INSTRUCTION_SIZE = 8;

    /** BPF_LD | BPF_W | BPF_ABS: load the 32-bit word at offset k of {@code struct seccomp_data}. */
    static final short LD_W_ABS = 0x20;
    /** BPF_JMP | BPF_JEQ | BPF_K. */
    static final short JEQ_K = 0x15;
    /** BPF_JMP | BPF_JGE | BPF_K (unsigned comparison). */
    static final short JGE_K = 0x35;
    /** BPF_RET | BPF_K. */
    static final short RET_K = 0x06;

    /** Offsets in {@code struct seccomp_data}: int nr; u32 arch; u64 instruction_pointer; u64 args[6]. */
    static final int OFFSET_NR = 0;
    static final int OFFSET_ARCH = 4;

    private Bpf() {
    }

    static void put(ByteBuffer program, short code, int jt, int jf, int k) {
        if (jt < 0 || jt > 255 || jf < 0 || jf > 255) {
            throw new IllegalArgumentException("BPF jump offsets must fit in a byte: jt=" + jt + ", jf=" + jf);
        }
        program.order(ByteOrder.nativeOrder()).putShort(code).put((byte) jt).put((byte) jf).putInt(k);
    }
}
