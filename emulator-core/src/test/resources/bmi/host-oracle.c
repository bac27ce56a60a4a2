/* Host oracle for JefeVM's BMI1/BMI2, ADX, CRC32 and SSE4.2 PCMPxSTRx tests.
 *
 * Each case is one instruction's exact bytes, run on the host CPU from an executable buffer
 * between a register/flags load and a register/flags store (run_case below), so the recorded
 * bytes are what JefeVM decodes and the recorded registers and RFLAGS are what it must produce.
 *
 * Build: gcc -O1 -Wall -o host-oracle host-oracle.c (host: AMD EPYC with BMI1/BMI2/ADX/SSE4.2)
 * Run:   ./host-oracle gpr > gpr-host.csv ; ./host-oracle pcmpstr > pcmpstr-host.csv
 *
 * gpr-host.csv:     name, hex bytes, then RAX RCX RDX RBX RSI RDI R8 R9 R10 R11 RFLAGS before,
 *                   then the same eleven after (hex).
 * pcmpstr-host.csv: name, hex bytes, XMM1 lo/hi, XMM2 lo/hi, RAX, RDX, RCX, XMM0 lo/hi, RFLAGS
 *                   before; RCX, XMM0 lo/hi, RFLAGS after (hex). The instruction is always
 *                   pcmp?str? xmm1, xmm2, imm8.
 * Flags the SDM leaves undefined are recorded as the host produced them; the replaying test
 * compares only defined ones. Deterministic: a fixed xorshift seed. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef uint64_t u64;
struct regs { u64 gpr[16]; u64 flags; u64 code; u64 xmm[6]; };
void run_case(struct regs *r);
__asm__(
    ".intel_syntax noprefix\n.text\n.globl run_case\nrun_case:\n"
    " push rbx\n push rbp\n push r12\n push r13\n push r14\n push r15\n"
    " push rdi\n push qword ptr [rdi+136]\n"
    " movdqu xmm0, [rdi+144]\n movdqu xmm1, [rdi+160]\n movdqu xmm2, [rdi+176]\n"
    " push qword ptr [rdi+128]\n popfq\n"
    " mov rax, [rdi]\n mov rcx, [rdi+8]\n mov rdx, [rdi+16]\n mov rbx, [rdi+24]\n mov rbp, [rdi+40]\n"
    " mov rsi, [rdi+48]\n mov r8, [rdi+64]\n mov r9, [rdi+72]\n mov r10, [rdi+80]\n mov r11, [rdi+88]\n"
    " mov r12, [rdi+96]\n mov r13, [rdi+104]\n mov r14, [rdi+112]\n mov r15, [rdi+120]\n mov rdi, [rdi+56]\n"
    " call qword ptr [rsp]\n"
    " pushfq\n push rdi\n mov rdi, [rsp+24]\n"
    " mov [rdi], rax\n mov [rdi+8], rcx\n mov [rdi+16], rdx\n mov [rdi+24], rbx\n mov [rdi+40], rbp\n"
    " mov [rdi+48], rsi\n mov [rdi+64], r8\n mov [rdi+72], r9\n mov [rdi+80], r10\n mov [rdi+88], r11\n"
    " mov [rdi+96], r12\n mov [rdi+104], r13\n mov [rdi+112], r14\n mov [rdi+120], r15\n"
    " pop rax\n mov [rdi+56], rax\n pop rax\n mov [rdi+128], rax\n"
    " movdqu [rdi+144], xmm0\n movdqu [rdi+160], xmm1\n movdqu [rdi+176], xmm2\n"
    " add rsp, 16\n pop r15\n pop r14\n pop r13\n pop r12\n pop rbp\n pop rbx\n ret\n"
    ".att_syntax prefix\n");

static unsigned char *buf;
static u64 seed = 0x9E3779B97F4A7C15ULL;
static u64 rnd(void) { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; return seed; }

/* interesting operand values: edges first, then random ones of varying density */
static u64 value(int i) {
    static const u64 edge[] = {0, 1, 2, 3, 0x7F, 0x80, 0xFF, 0x100, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
        0x100000000ULL, 0x7FFFFFFFFFFFFFFFULL, 0x8000000000000000ULL, 0xFFFFFFFFFFFFFFFFULL,
        0xFFFFFFFF00000000ULL, 0x5555555555555555ULL, 0xAAAAAAAAAAAAAAAAULL, 0x0123456789ABCDEFULL};
    int n = sizeof edge / sizeof edge[0];
    if (i < n) return edge[i];
    switch (rnd() % 4) {
        case 0: return rnd();
        case 1: return rnd() & rnd();
        case 2: return rnd() | rnd();
        default: return rnd() & 0xFFFF;
    }
}

/* BEXTR control words and BZHI indexes hit the boundaries: start/length 0, 31, 32, 63, 64, 255 */
static u64 control(void) {
    static const int pts[] = {0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 128, 255};
    u64 start = pts[rnd() % 12], len = pts[rnd() % 12];
    return (rnd() & 0xFFFFFFFFFFFF0000ULL) | len << 8 | start;
}

static int n;
static void emit(int b) { buf[n++] = (unsigned char) b; }
static void hexbytes(char *out) { for (int i = 0; i < n; i++) sprintf(out + 2 * i, "%02x", buf[i]); }

/* the registers a case may touch, in CSV order: RAX RCX RDX RBX RSI RDI R8 R9 R10 R11 */
static const int csv_regs[] = {0, 1, 2, 3, 6, 7, 8, 9, 10, 11};

static void run_gpr(const char *name, u64 *in, u64 flags_in) {
    struct regs r;
    memset(&r, 0, sizeof r);
    for (int i = 0; i < 10; i++) r.gpr[csv_regs[i]] = in[i];
    r.flags = flags_in;
    r.code = (u64) buf;
    emit(0xC3);
    n--;
    char hex[64];
    hexbytes(hex);
    run_case(&r);
    printf("%s,%s", name, hex);
    for (int i = 0; i < 10; i++) printf(",%llx", (unsigned long long) in[i]);
    printf(",%llx", (unsigned long long) flags_in);
    for (int i = 0; i < 10; i++) printf(",%llx", (unsigned long long) r.gpr[csv_regs[i]]);
    printf(",%llx\n", (unsigned long long) (r.flags & 0x8D5));
}

/* register choices: ModRM.reg, VEX.vvvv, ModRM.rm (SDM numbering) */
static const int variants[][3] = {{1, 6, 3}, {8, 10, 9}, {7, 11, 2}, {0, 0, 0}, {9, 1, 8}};

static void vex3(int map, int pp, int w, int opcode, int reg, int vvvv, int rm) {
    n = 0;
    emit(0xC4);
    emit((reg < 8) << 7 | 1 << 6 | (rm < 8) << 5 | map);
    emit(w << 7 | (~vvvv & 15) << 3 | pp);
    emit(opcode);
    emit(0xC0 | (reg & 7) << 3 | (rm & 7));
}

struct bmi { const char *name; int map, pp, opcode, group; int ctl; };
/* group: -1 plain /r; else the ModRM.reg of BLSR /1, BLSMSK /2, BLSI /3. ctl: 1 = vvvv holds a
 * BEXTR control or BZHI index, 2 = imm8 follows (RORX). */
static const struct bmi bmis[] = {
    {"ANDN", 2, 0, 0xF2, -1, 0}, {"BLSR", 2, 0, 0xF3, 1, 0}, {"BLSMSK", 2, 0, 0xF3, 2, 0},
    {"BLSI", 2, 0, 0xF3, 3, 0}, {"BZHI", 2, 0, 0xF5, -1, 1}, {"PEXT", 2, 2, 0xF5, -1, 0},
    {"PDEP", 2, 3, 0xF5, -1, 0}, {"MULX", 2, 3, 0xF6, -1, 0}, {"BEXTR", 2, 0, 0xF7, -1, 1},
    {"SHLX", 2, 1, 0xF7, -1, 0}, {"SARX", 2, 2, 0xF7, -1, 0}, {"SHRX", 2, 3, 0xF7, -1, 0},
    {"RORX", 3, 3, 0xF0, -1, 2}};

static u64 random_flags(void) { return (rnd() & 0x8D5) | 0x202; }

static void gpr_cases(void) {
    char name[32];
    for (unsigned k = 0; k < sizeof bmis / sizeof bmis[0]; k++) {
        const struct bmi *b = &bmis[k];
        for (int w = 0; w <= 1; w++) {
            for (int i = 0; i < 32; i++) {
                const int *v = variants[i % 5];
                int reg = v[0], vvvv = v[1], rm = v[2];
                if (!strcmp(b->name, "MULX") && i % 5 == 3) { reg = 1; vvvv = 1; rm = 3; } /* same destination twice */
                else if (i % 5 == 3) { reg = 6; vvvv = 7; rm = 8; }
                if (b->group >= 0) { reg = b->group; }
                if (b->ctl == 2) { vvvv = 0; }
                u64 in[10];
                for (int j = 0; j < 10; j++) in[j] = value(rnd() % 40);
                in[0] = value(i); /* RAX, RCX, RBX, R8, R9 often hold the edge values */
                in[1] = value(i);
                in[3] = value((i * 7) % 40);
                in[6] = value(i);
                in[7] = value((i * 3) % 40);
                if (b->ctl == 1) {
                    u64 c = control();
                    for (int j = 0; j < 10; j++) if (csv_regs[j] == vvvv) in[j] = c;
                }
                vex3(b->map, b->pp, w, b->opcode, reg, vvvv, rm);
                if (b->ctl == 2) emit(i < 8 ? (int[]) {0, 1, 31, 32, 33, 63, 64, 255}[i] : (int) (rnd() & 0xFF));
                snprintf(name, sizeof name, "%s%d", b->name, w ? 64 : 32);
                run_gpr(name, in, random_flags());
            }
        }
    }
    /* ADCX (66), ADOX (F3): both carry chains with both carry-in values */
    for (int k = 0; k < 3; k++) { /* ADCX, ADOX, ADOX with an extra 66 (ignored: no 16-bit form) */
        for (int w = 0; w <= 1; w++) {
            for (int i = 0; i < (k == 2 ? 8 : 40); i++) {
                n = 0;
                if (k == 2) emit(0x66);
                emit(k ? 0xF3 : 0x66);
                int reg = i % 2 ? 9 : 1, rm = i % 3 ? 3 : 10;
                int rex = w << 3 | (reg >> 3) << 2 | (rm >> 3);
                if (rex) emit(0x40 | rex);
                emit(0x0F); emit(0x38); emit(0xF6);
                emit(0xC0 | (reg & 7) << 3 | (rm & 7));
                u64 in[10];
                for (int j = 0; j < 10; j++) in[j] = value(i + j);
                in[1] = in[7] = value(i);
                in[3] = in[8] = value((i * 5 + 3) % 40);
                snprintf(name, sizeof name, "%s%d", k ? "ADOX" : "ADCX", w ? 64 : 32);
                run_gpr(name, in, random_flags());
            }
        }
    }
    /* CRC32: F2 0F38 F0 (8-bit source, incl. AH..BH without REX and SIL with it), F1 with 66 / none / REX.W */
    static const struct { const char *name; int opsize, rex, op, reg, rm; } crcs[] = {
        {"CRC32_8", 0, 0, 0xF0, 1, 3}, {"CRC32_8", 0, 0, 0xF0, 0, 6} /* DH */, {"CRC32_8", 0, 0x40, 0xF0, 0, 6} /* SIL */,
        {"CRC32_8", 0, 0x48, 0xF0, 1, 3} /* 64-bit destination */, {"CRC32_16", 1, 0, 0xF1, 1, 3},
        {"CRC32_32", 0, 0x45, 0xF1, 1, 1} /* r9d, r9d */, {"CRC32_32", 0, 0, 0xF1, 7, 2},
        {"CRC32_64", 0, 0x4C, 0xF1, 1, 3}, {"CRC32_64", 1, 0x48, 0xF1, 2, 3} /* REX.W beats 66 */};
    for (unsigned k = 0; k < sizeof crcs / sizeof crcs[0]; k++) {
        for (int i = 0; i < 24; i++) {
            n = 0;
            if (crcs[k].opsize) emit(0x66);
            emit(0xF2);
            if (crcs[k].rex) emit(crcs[k].rex);
            emit(0x0F); emit(0x38); emit(crcs[k].op);
            emit(0xC0 | (crcs[k].reg & 7) << 3 | (crcs[k].rm & 7));
            u64 in[10];
            for (int j = 0; j < 10; j++) in[j] = rnd();
            if (i < 4) in[1] = in[0] = value(i);
            run_gpr(crcs[k].name, in, random_flags());
        }
    }
}

/* ---- PCMPxSTRx ---- */
static unsigned char pool[48][16];
static int pool_size;

static void make_pool(void) {
    const char *texts[] = {"hello, world!\0zz", "abcdefghijklmnop", "azAZ09__\0\0\0\0\0\0\0\0", "aeiou\0\0\0\0\0\0\0\0\0\0\0",
        "\0abcdefghijklmno", "lo, w\0\0\0\0\0\0\0\0\0\0\0", "xyzxyzxyzxyzxyzx", "world\0hello\0\0\0\0\0",
        "a\0b\0c\0d\0e\0\0\0\0\0\0", "ABCDEFGHIJKLMNOP"};
    for (int i = 0; i < 10; i++) memcpy(pool[pool_size++], texts[i], 16);
    memset(pool[pool_size++], 0, 16);
    memset(pool[pool_size++], 0xFF, 16);
    memset(pool[pool_size++], 0x80, 16);
    while (pool_size < 48) {
        unsigned char *p = pool[pool_size++];
        int kind = pool_size % 4;
        for (int j = 0; j < 16; j++) {
            u64 r = rnd();
            p[j] = kind == 0 ? (unsigned char) r : kind == 1 ? "abc"[r % 3] : kind == 2 ? (unsigned char) (0x7E + r % 4)
                 : (unsigned char) ((r % 5 == 0) ? 0 : 'a' + r % 4);
        }
        if (kind == 3 && rnd() % 2) p[rnd() % 16] = 0; /* an embedded terminator */
        if (rnd() % 3 == 0) { p[rnd() % 16] = 0; p[1 + rnd() % 15] = 0; } /* zero bytes: nulls and, for words, shorter strings */
    }
}

static u64 length(int w) {
    static const long long lens[] = {0, 1, 2, 3, 5, 7, 8, 9, 12, 15, 16, 17, 100, -1, -3, -8, -9, -16, -17, -100};
    u64 r = rnd();
    if (r % 8 == 0) {
        /* beyond 32 bits: only REX.W forms read them; others see the low 32 bits (incl. INT_MIN) */
        static const u64 wide[] = {0x100000005ULL, 0xFFFFFFFF00000003ULL, 0x80000000ULL, 0xFFFFFFFF80000000ULL,
            0x8000000000000000ULL, 0x7FFFFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFF0ULL, 0x0000000012345678ULL};
        return wide[(r >> 8) % 8];
    }
    return (u64) lens[(r >> 8) % 20] ^ (w ? 0 : (rnd() & 0xFFFFFFFF00000000ULL)); /* garbage above bit 31 when not REX.W */
}

static void pcmpstr_cases(void) {
    static const char *names[] = {"PCMPESTRM", "PCMPESTRI", "PCMPISTRM", "PCMPISTRI"};
    for (int op = 0; op < 4; op++) {
        for (int imm = 0; imm < 256; imm++) {
            int explicit = op < 2;
            for (int t = 0; t < (explicit ? 3 : 2); t++) {
                int w = explicit && (t == 2);
                n = 0;
                emit(0x66);
                if (w) emit(0x48);
                emit(0x0F); emit(0x3A); emit(0x60 + op); emit(0xCA); emit(imm);
                emit(0xC3);
                n--;
                struct regs r;
                memset(&r, 0, sizeof r);
                int a = rnd() % pool_size, b = rnd() % pool_size;
                if (t == 1 && rnd() % 2) b = a; /* equal strings */
                memcpy(&r.xmm[2], pool[a], 16);
                memcpy(&r.xmm[4], pool[b], 16);
                r.xmm[0] = rnd();
                r.xmm[1] = rnd();
                r.gpr[0] = length(w);
                r.gpr[2] = length(w);
                r.gpr[1] = rnd();
                r.flags = random_flags();
                r.code = (u64) buf;
                struct regs in = r;
                char hex[64];
                hexbytes(hex);
                run_case(&r);
                printf("%s,%s,%llx,%llx,%llx,%llx,%llx,%llx,%llx,%llx,%llx,%llx,%llx,%llx,%llx,%llx\n", names[op], hex,
                       (unsigned long long) in.xmm[2], (unsigned long long) in.xmm[3], (unsigned long long) in.xmm[4],
                       (unsigned long long) in.xmm[5], (unsigned long long) in.gpr[0], (unsigned long long) in.gpr[2],
                       (unsigned long long) in.gpr[1], (unsigned long long) in.xmm[0], (unsigned long long) in.xmm[1],
                       (unsigned long long) in.flags, (unsigned long long) r.gpr[1], (unsigned long long) r.xmm[0],
                       (unsigned long long) r.xmm[1], (unsigned long long) (r.flags & 0x8D5));
            }
        }
    }
}

int main(int argc, char **argv) {
    buf = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) return 1;
    if (argc > 1 && !strcmp(argv[1], "pcmpstr")) {
        make_pool();
        pcmpstr_cases();
    } else {
        gpr_cases();
    }
    return 0;
}
