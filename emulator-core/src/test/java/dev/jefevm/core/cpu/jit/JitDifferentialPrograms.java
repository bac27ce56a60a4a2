package dev.jefevm.core.cpu.jit;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/**
 * Random guest programs for {@link JitDifferentialProperties}, assembled straight into machine
 * code (encodings from SDM Vol.2 chapter 2 and the opcode map, appendix A). A program is a
 * sequence of items ending in SYSCALL: ALU operations (8/16/32/64-bit, register, immediate and
 * [RBP+disp32] memory forms, shifts, multiply and divide, SETcc/CMOVcc), PUSH/POP, forward
 * branches over a block, loops counted down in R15 (1 to 40 trips), direct and indirect calls to a
 * subroutine skipped over by a JMP, stores that patch the immediate of a later instruction (also
 * each loop trip), and at most one fault. RSP, RBP (the data base) and R15 (the loop counter)
 * are never random destinations, so every address stays where the guest's layout expects.
 */
final class JitDifferentialPrograms {

    /** Registers random operations may write: all but RSP (4), RBP (5) and R15. */
    private static final int[] FREE = {0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14};
    private static final int R15 = 15;
    /** Leave room for the last item, the closing SYSCALL and a loop's tail. */
    private static final int MAX_CODE = 3000;

    private final Random r;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int stackDepth;
    private boolean faultUsed;

    private JitDifferentialPrograms(Random r) {
        this.r = r;
    }

    /** A program of 5 to 60 items and the closing SYSCALL. */
    static byte[] generate(Random r) {
        JitDifferentialPrograms p = new JitDifferentialPrograms(r);
        int items = 5 + r.nextInt(56);
        for (int i = 0; i < items && p.out.size() < MAX_CODE; i++) {
            p.topLevelItem(i);
        }
        p.bytes(0x0F, 0x05); // SYSCALL
        return p.out.toByteArray();
    }

    /** A register or memory value worth testing: small, a boundary, or any 64 bits. */
    static long interestingValue(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> r.nextInt(256);
            case 1 -> new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x8000_0000L, 0xFFFF_FFFFL}[r.nextInt(7)];
            case 2 -> r.nextInt();
            default -> r.nextLong();
        };
    }

    // ---- items ----

    private void topLevelItem(int index) {
        int pick = r.nextInt(100);
        if (pick < 35) {
            aluItem();
        } else if (pick < 50) {
            memoryItem();
        } else if (pick < 58) {
            pushPopItem();
        } else if (pick < 66) {
            forwardBranch();
        } else if (pick < 76) {
            loop();
        } else if (pick < 83) {
            call();
        } else if (pick < 89) {
            patchLaterInstruction();
        } else if (pick < 94) {
            movImmediate();
        } else if (index > 2 && !faultUsed && r.nextInt(3) == 0) {
            fault();
        } else {
            aluItem();
        }
    }

    /** An item that keeps the stack balanced and leaves R15 alone (loop and subroutine bodies). */
    private void simpleItem() {
        int pick = r.nextInt(10);
        if (pick < 5) {
            aluItem();
        } else if (pick < 8) {
            memoryItem();
        } else {
            movImmediate();
        }
    }

    private void aluItem() {
        int dst = free(), src = anyRegister();
        switch (r.nextInt(14)) {
            case 0, 1, 2 -> {
                int[] ops = {0x01, 0x09, 0x11, 0x19, 0x21, 0x29, 0x31, 0x39, 0x85, 0x89};
                int size = size();
                int op = ops[r.nextInt(ops.length)];
                prefixAndOpcode(size, src, dst, size == 8 ? op - 1 : op);
                modrmRegister(src, dst);
            }
            case 3, 4 -> { // group 1 with imm8 (83) or imm32 (81): ADD OR ADC SBB AND SUB XOR CMP
                boolean wide = r.nextBoolean();
                prefixAndOpcode(r.nextBoolean() ? 64 : 32, 0, dst, wide ? 0x81 : 0x83);
                modrmRegister(r.nextInt(8), dst);
                if (wide) {
                    int32(r.nextInt());
                } else {
                    bytes(r.nextInt(256));
                }
            }
            case 5 -> { // shifts and rotates by imm8 (count 0 leaves flags alone), by 1, by CL
                int form = r.nextInt(3);
                int size = size();
                int op = form == 0 ? 0xC1 : form == 1 ? 0xD1 : 0xD3;
                prefixAndOpcode(size, 0, dst, size == 8 ? op - 1 : op);
                modrmRegister(new int[] {0, 1, 2, 3, 4, 5, 7}[r.nextInt(7)], dst);
                if (form == 0) {
                    bytes(r.nextInt(70));
                }
            }
            case 6 -> { // NOT, NEG, MUL, IMUL (one operand), rarely DIV/IDIV: RDX:RAX often overflows (#DE)
                int ext = r.nextInt(10) == 0 ? 6 + r.nextInt(2) : 2 + r.nextInt(4);
                prefixAndOpcode(r.nextBoolean() ? 64 : 32, 0, dst, 0xF7);
                modrmRegister(ext, dst);
            }
            case 7 -> { // INC/DEC (CF kept), IMUL r, r/m and IMUL r, r/m, imm8
                int form = r.nextInt(3);
                if (form == 0) {
                    int size = size();
                    prefixAndOpcode(size, 0, dst, size == 8 ? 0xFE : 0xFF);
                    modrmRegister(r.nextInt(2), dst);
                } else if (form == 1) {
                    prefixAndOpcode(64, dst, src, 0x0F);
                    bytes(0xAF);
                    modrmRegister(dst, src);
                } else {
                    prefixAndOpcode(64, dst, src, 0x6B);
                    modrmRegister(dst, src);
                    bytes(r.nextInt(256));
                }
            }
            case 8 -> { // SETcc r8 and CMOVcc r64: readers of every flag
                if (r.nextBoolean()) {
                    bytes(0x40 | (dst >> 3), 0x0F, 0x90 + r.nextInt(16));
                    modrmRegister(0, dst);
                } else {
                    prefixAndOpcode(64, dst, src, 0x0F);
                    bytes(0x40 + r.nextInt(16));
                    modrmRegister(dst, src);
                }
            }
            case 9 -> { // LEA dst, [base + index*scale + disp8]
                int base = free(), index = free();
                bytes(rex(true, dst, index, base), 0x8D, 0x44 | (dst & 7) << 3,
                        r.nextInt(4) << 6 | (index & 7) << 3 | (base & 7), r.nextInt(256));
            }
            case 10 -> bytes(new int[] {0xF8, 0xF9, 0xF5}[r.nextInt(3)]); // CLC, STC, CMC
            case 11 -> { // BT r, r (CF from a bit), MOVZX r32, r8, MOVSXD r64, r32, XCHG r, r, BT r, imm8, BSWAP
                switch (r.nextInt(6)) {
                    case 0 -> {
                        prefixAndOpcode(64, src, dst, 0x0F);
                        bytes(0xA3);
                        modrmRegister(src, dst);
                    }
                    case 1 -> {
                        bytes(rex(false, dst, 0, src), 0x0F, 0xB6);
                        modrmRegister(dst, src);
                    }
                    case 2 -> {
                        prefixAndOpcode(64, dst, src, 0x63);
                        modrmRegister(dst, src);
                    }
                    case 3 -> {
                        int other = free();
                        prefixAndOpcode(64, dst, other, 0x87);
                        modrmRegister(dst, other);
                    }
                    case 4 -> {
                        prefixAndOpcode(size(), 0, src, 0x0F);
                        bytes(0xBA);
                        modrmRegister(4, src);
                        bytes(r.nextInt(256));
                    }
                    default -> {
                        prefixAndOpcode(r.nextBoolean() ? 64 : 32, 0, dst, 0x0F);
                        bytes(0xC8 | (dst & 7));
                    }
                }
            }
            case 12 -> bytes(0x48, r.nextBoolean() ? 0x98 : 0x99); // CDQE, CQO
            default -> { // ADC/SBB: readers of CF right after a writer
                prefixAndOpcode(64, src, dst, r.nextBoolean() ? 0x11 : 0x19);
                modrmRegister(src, dst);
            }
        }
    }

    /** An operation on [RBP + disp32] inside the data pages (a wide access may straddle into the unmapped page after them). */
    private void memoryItem() {
        int reg = free();
        int size = size();
        int dataSize = (int) JitDifferentialProperties.Guest.DATA_SIZE;
        // now and then (once per program) an access at the data's last bytes, which may straddle into the unmapped page
        boolean straddle = !faultUsed && r.nextInt(150) == 0;
        faultUsed |= straddle;
        long disp = straddle ? dataSize - 1 - r.nextInt(3) : r.nextInt(dataSize - 8 + 1);
        switch (r.nextInt(8)) {
            case 0, 1 -> memoryOperand(size, reg, size == 8 ? 0x8A : 0x8B, disp); // load
            case 2, 3 -> memoryOperand(size, reg, size == 8 ? 0x88 : 0x89, disp); // store
            case 4 -> { // ALU reg, [m] and ALU [m], reg
                int op = new int[] {0x03, 0x0B, 0x13, 0x1B, 0x23, 0x2B, 0x33, 0x3B, 0x01, 0x29, 0x31}[r.nextInt(11)];
                memoryOperand(size, reg, size == 8 ? op - 1 : op, disp);
            }
            case 5 -> { // group 1 [m], imm8
                memoryOperand(size == 8 ? 64 : size, r.nextInt(8), 0x83, disp);
                bytes(r.nextInt(256));
            }
            case 6 -> memoryOperand(size == 8 ? 64 : size, r.nextInt(2), 0xFF, disp); // INC/DEC [m]
            default -> { // MOV [m], imm32 (sign-extended)
                memoryOperand(64, 0, 0xC7, disp);
                int32(r.nextInt());
            }
        }
    }

    private void pushPopItem() {
        boolean push = stackDepth <= 0 || (stackDepth < 32 && r.nextBoolean());
        int reg = push ? anyRegister() : free();
        if (r.nextInt(4) == 0) {
            // PUSH imm8 / PUSH [m] and POP [m]
            if (push) {
                if (r.nextBoolean()) {
                    bytes(0x6A, r.nextInt(256));
                } else {
                    memoryOperand(32, 6, 0xFF, r.nextInt(0x1FF8));
                }
            } else {
                memoryOperand(32, 0, 0x8F, r.nextInt(0x1FF8));
            }
        } else {
            if (reg >= 8) {
                bytes(0x41);
            }
            bytes((push ? 0x50 : 0x58) + (reg & 7));
        }
        stackDepth += push ? 1 : -1;
    }

    /** Jcc (rel8 or rel32) or JMP rel8 over a block of simple items. */
    private void forwardBranch() {
        byte[] block = block(1 + r.nextInt(4));
        int kind = r.nextInt(5);
        if (kind == 0) {
            bytes(0xEB, block.length);
        } else if (kind == 1) {
            bytes(0x0F, 0x80 + r.nextInt(16));
            int32(block.length);
        } else {
            bytes(0x70 + r.nextInt(16), block.length);
        }
        out.writeBytes(block);
    }

    /**
     * mov r15d, N; top: body; dec r15; jnz top. The body may patch its own code each trip, call
     * a subroutine, branch forward, or (once per program) fault on one trip: a load from
     * [RBP + R15*8 - 8k] leaves the data pages when R15 reaches k - 1.
     */
    private void loop() {
        int trips = 1 + r.nextInt(40);
        bytes(0x41, 0xBF);
        int32(trips);
        int top = out.size();
        int parts = 1 + r.nextInt(4);
        for (int i = 0; i < parts; i++) {
            int pick = r.nextInt(10);
            if (pick < 5) {
                simpleItem();
            } else if (pick < 6) {
                forwardBranch();
            } else if (pick < 7) {
                call();
            } else if (pick < 9) {
                patchInLoop();
            } else if (!faultUsed && trips >= 2 && r.nextInt(4) == 0) {
                faultUsed = true;
                int k = 2 + r.nextInt(trips - 1);
                int reg = free();
                bytes(rex(true, reg, R15, 5), 0x8B, 0x84 | (reg & 7) << 3, 0xC0 | (R15 & 7) << 3 | 5);
                int32(-8 * k);
            } else {
                simpleItem();
            }
        }
        bytes(0x49, 0xFF, 0xCF); // dec r15
        int back = top - (out.size() + 2);
        if (back >= -128) {
            bytes(0x75, back);
        } else {
            bytes(0x0F, 0x85);
            int32(top - (out.size() + 4));
        }
    }

    /** call sub (direct, or through a register); jmp over; sub: body; ret; over: */
    private void call() {
        boolean indirect = r.nextBoolean();
        int target = free();
        int movAt = -1;
        if (indirect) {
            if (target >= 8) {
                bytes(0x41);
            }
            bytes(0xB8 + (target & 7)); // mov r32, imm32 (the subroutine's address, patched below)
            movAt = out.size();
            int32(0);
            if (target >= 8) {
                bytes(0x41);
            }
            bytes(0xFF, 0xD0 | (target & 7)); // call r64
        } else {
            bytes(0xE8);
            int32(2); // over the 2-byte JMP below
        }
        byte[] body = block(1 + r.nextInt(3));
        bytes(0xEB, body.length + 1);
        int sub = out.size();
        out.writeBytes(body);
        bytes(0xC3);
        if (indirect) {
            patch32(movAt, (int) (JitDifferentialProperties.Guest.CODE + sub));
        }
    }

    /** mov byte [rip + rel32], imm8 into the imm8 of an ADD r64, imm8 a few items later. */
    private void patchLaterInstruction() {
        bytes(0xC6, 0x05);
        int relAt = out.size();
        int32(0);
        bytes(r.nextInt(256));
        int end = out.size();
        int fillers = r.nextInt(3);
        for (int i = 0; i < fillers; i++) {
            simpleItem();
        }
        int immediate = addImmediate8();
        patch32(relAt, immediate - end);
    }

    /** In a loop body: inc byte [rip + rel32] on the imm8 of an ADD r64, imm8 before or after it. */
    private void patchInLoop() {
        boolean targetFirst = r.nextBoolean();
        int immediate = targetFirst ? addImmediate8() : -1;
        if (r.nextBoolean()) {
            simpleItem();
        }
        bytes(0xFE, 0x05);
        int relAt = out.size();
        int32(0);
        int end = out.size();
        if (!targetFirst) {
            if (r.nextBoolean()) {
                simpleItem();
            }
            immediate = addImmediate8();
        }
        patch32(relAt, immediate - end);
    }

    /** Emits ADD r64, imm8 and returns the imm8's offset. */
    private int addImmediate8() {
        int reg = free();
        bytes(rex(true, 0, 0, reg), 0x83, 0xC0 | (reg & 7));
        int at = out.size();
        bytes(r.nextInt(256));
        return at;
    }

    private void movImmediate() {
        int reg = free();
        if (r.nextBoolean()) {
            bytes(rex(true, 0, 0, reg), 0xB8 + (reg & 7));
            long v = interestingValue(r);
            int32((int) v);
            int32((int) (v >>> 32));
        } else {
            if (reg >= 8) {
                bytes(0x41);
            }
            bytes(0xB8 + (reg & 7));
            int32((int) interestingValue(r));
        }
    }

    /** One fault: #PF on an unmapped or read-only page, a store straddling into the unmapped page, #DE, #UD or INT3. */
    private void fault() {
        faultUsed = true;
        int reg = free();
        long unmapped = JitDifferentialProperties.Guest.UNMAPPED - JitDifferentialProperties.Guest.DATA;
        long readOnly = JitDifferentialProperties.Guest.READ_ONLY - JitDifferentialProperties.Guest.DATA;
        switch (r.nextInt(6)) {
            case 0 -> memoryOperand(64, reg, 0x8B, unmapped + r.nextInt(4096));
            case 1 -> memoryOperand(64, reg, 0x89, readOnly + r.nextInt(4088));
            case 2 -> memoryOperand(64, reg, 0x89, JitDifferentialProperties.Guest.DATA_SIZE - 1 - r.nextInt(7));
            case 3 -> { // xor r32, r32; div r64
                bytes(rex(false, reg, 0, reg), 0x31);
                modrmRegister(reg, reg);
                bytes(rex(true, 0, 0, reg), 0xF7);
                modrmRegister(6, reg);
            }
            case 4 -> bytes(0x0F, 0x0B); // UD2
            default -> bytes(0xCC); // INT3
        }
    }

    // ---- encoding ----

    /** {@code count} simple items assembled on their own (for a block a branch skips or a subroutine). */
    private byte[] block(int count) {
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        saved.writeBytes(out.toByteArray());
        out.reset();
        for (int i = 0; i < count; i++) {
            simpleItem();
        }
        byte[] block = out.toByteArray();
        out.reset();
        out.writeBytes(saved.toByteArray());
        return block;
    }

    private int size() {
        return new int[] {8, 16, 32, 64, 64}[r.nextInt(5)];
    }

    private int free() {
        return FREE[r.nextInt(FREE.length)];
    }

    private int anyRegister() {
        return r.nextInt(16);
    }

    /** SDM Vol.2 2.2.1: REX is 0100WRXB. */
    private static int rex(boolean w, int reg, int index, int rm) {
        return 0x40 | (w ? 8 : 0) | (reg >> 3) << 2 | (index >> 3) << 1 | rm >> 3;
    }

    /** The 66h prefix for 16-bit operands, then REX (always present, so 8-bit registers 4-7 are SPL..DIL), then the opcode. */
    private void prefixAndOpcode(int size, int reg, int rm, int opcode) {
        if (size == 16) {
            bytes(0x66);
        }
        bytes(rex(size == 64, reg, 0, rm), opcode);
    }

    private void modrmRegister(int reg, int rm) {
        bytes(0xC0 | (reg & 7) << 3 | (rm & 7));
    }

    /** prefixes, opcode and ModRM for [RBP + disp32] (mod 10, rm 101) */
    private void memoryOperand(int size, int reg, int opcode, long disp) {
        prefixAndOpcode(size, reg, 0, opcode);
        bytes(0x80 | (reg & 7) << 3 | 5);
        int32((int) disp);
    }

    private void patch32(int at, int value) {
        byte[] b = out.toByteArray();
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
        out.reset();
        out.writeBytes(b);
    }

    private void int32(int v) {
        bytes(v & 0xFF, v >>> 8 & 0xFF, v >>> 16 & 0xFF, v >>> 24 & 0xFF);
    }

    private void bytes(int... values) {
        for (int v : values) {
            out.write(v);
        }
    }
}
