package io.github.nsunit.internal.seccomp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Test helper: runs a seccomp program the way the kernel would, for the instructions SeccompFilter emits, and
 * refuses anything else (unknown opcode, jump out of range, falling off the end), so the tests check the
 * jumps rather than trusting them.
 */
final class BpfInterpreter {

    private BpfInterpreter() {
    }

    /** The SECCOMP_RET_* value the program returns for a call with this audit arch and number. */
    static int run(byte[] program, int arch, int nr) {
        ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
        int length = program.length / Bpf.INSTRUCTION_SIZE;
        int accumulator = 0;
        for (int pc = 0, steps = 0; steps <= length; steps++) {
            if (pc < 0 || pc >= length) {
                throw new AssertionError("pc " + pc + " is outside the program of " + length + " instructions");
            }
            int at = pc * Bpf.INSTRUCTION_SIZE;
            short op = code.getShort(at);
            int jt = Byte.toUnsignedInt(code.get(at + 2));
            int jf = Byte.toUnsignedInt(code.get(at + 3));
            int k = code.getInt(at + 4);
            switch (op) {
                case Bpf.LD_W_ABS:
                    accumulator = k == Bpf.OFFSET_ARCH ? arch : k == Bpf.OFFSET_NR ? nr : fail("load from offset " + k);
                    pc++;
                    break;
                case Bpf.JEQ_K:
                    pc += 1 + (accumulator == k ? jt : jf);
                    break;
                case Bpf.JGE_K:
                    pc += 1 + (Integer.compareUnsigned(accumulator, k) >= 0 ? jt : jf);
                    break;
                case Bpf.RET_K:
                    return k;
                default:
                    return fail("unexpected opcode 0x" + Integer.toHexString(op) + " at " + pc);
            }
        }
        return fail("the program loops");
    }

    private static int fail(String message) {
        throw new AssertionError(message);
    }
}
