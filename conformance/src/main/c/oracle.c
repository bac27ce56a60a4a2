/*
 * JefeVM native CPU oracle: runs instruction sequences on the host CPU at user level and reports
 * the final architectural state or the exception raised, for the differential tests in
 * dev.jefevm.conformance. Interface (all little-endian, one process serves many cases):
 *
 *   request  := u32 magic 'CASE' (0x45534143), u32 codeLength (<= 256), u8 code[codeLength],
 *               u64 gpr[16] (RAX..R15 in SDM encoding order), u64 rflags,
 *               u8 fxsave[512] (x87, MXCSR, XMM0-15 in the FXSAVE64 layout, SDM Vol.1 10.5.1),
 *               u64 dataSeed, u32 patchCount, patchCount x (u32 offset, u32 length, u8 bytes[length])
 *   response := u32 status (0 completed, 1 exception, 2 timeout, 3 bad request),
 *               u32 vector, u64 errorCode, u64 faultAddress (CR2 for #PF),
 *               u64 gpr[16], u64 rip, u64 rflags, u8 fxsave[512],
 *               u32 changedCount, changedCount x (u32 offset, u8 value)
 *
 * The code page sits at CODE_BASE, the data area (filled from dataSeed by splitmix64, then
 * patched) at DATA_BASE; both are mapped at fixed addresses so that the same addresses work on
 * the host and in JefeVM. Nothing else is mapped near them, so a stray access is a #PF on both.
 * A case ends at a jump to oracle_exit placed after its bytes, or at the first signal.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

#define CODE_BASE 0x10000000UL
#define CODE_SIZE 0x1000UL
#define DATA_BASE 0x20000000UL
#define DATA_SIZE 0x10000UL
#define READ_ONLY_BASE 0x30000000UL /* one zero page mapped read-only: writes fault */
#define MAX_CODE 256
#define MAGIC 0x45534143U

enum { DONE = 0, EXCEPTION = 1, TIMEOUT = 2, BAD_REQUEST = 3 };

/* Shared with trampoline.S */
uint64_t oracle_in_gpr[16], oracle_out_gpr[16];
uint64_t oracle_in_rflags, oracle_out_rflags;
uint64_t oracle_host_rsp, oracle_code_entry;
uint8_t oracle_in_fx[512] __attribute__((aligned(16)));
uint8_t oracle_out_fx[512] __attribute__((aligned(16)));
uint8_t oracle_host_fx[512] __attribute__((aligned(16)));
void oracle_enter(void);
void oracle_exit(void);

static sigjmp_buf case_end;
static volatile sig_atomic_t in_case;
static uint32_t out_status, out_vector;
static uint64_t out_error, out_fault_address, out_rip;
static uint8_t initial_data[DATA_SIZE];

static void die(const char *what) {
    perror(what);
    exit(2);
}

static void read_exact(void *buf, size_t n) {
    if (fread(buf, 1, n, stdin) != n) {
        if (feof(stdin)) {
            exit(0);
        }
        die("read");
    }
}

static void write_exact(const void *buf, size_t n) {
    if (fwrite(buf, 1, n, stdout) != n) {
        die("write");
    }
}

/* splitmix64: the same generator fills the data area on the Java side (DataImage.java). */
static void fill_data(uint64_t seed) {
    for (size_t i = 0; i < DATA_SIZE; i += 8) {
        seed += 0x9E3779B97F4A7C15ULL;
        uint64_t z = seed;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        z ^= z >> 31;
        memcpy(initial_data + i, &z, 8);
    }
}

/* A fault or trap inside the case: record the state the kernel saved, then leave the case. */
static void on_signal(int sig, siginfo_t *info, void *context) {
    if (!in_case) {
        signal(sig, SIG_DFL);
        return; /* re-raised with the default action: an oracle bug, not a test result */
    }
    in_case = 0;
    ucontext_t *uc = context;
    greg_t *g = uc->uc_mcontext.gregs;
    static const int order[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                                  REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
    for (int i = 0; i < 16; i++) {
        oracle_out_gpr[i] = (uint64_t)g[order[i]];
    }
    out_rip = (uint64_t)g[REG_RIP];
    oracle_out_rflags = (uint64_t)g[REG_EFL];
    if (uc->uc_mcontext.fpregs) {
        memcpy(oracle_out_fx, uc->uc_mcontext.fpregs, 512);
    }
    if (sig == SIGALRM) {
        out_status = TIMEOUT;
    } else {
        out_status = EXCEPTION;
        out_vector = (uint32_t)g[REG_TRAPNO];
        out_error = (uint64_t)g[REG_ERR];
        out_fault_address = sig == SIGSEGV || sig == SIGBUS ? (uint64_t)info->si_addr : 0;
    }
    siglongjmp(case_end, 1);
}

static void install_handlers(void) {
    static uint8_t alt_stack[1 << 16];
    stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof alt_stack, .ss_flags = 0};
    if (sigaltstack(&ss, NULL) != 0) {
        die("sigaltstack");
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGALRM};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        if (sigaction(sigs[i], &sa, NULL) != 0) {
            die("sigaction");
        }
    }
}

static void map_fixed(uint64_t base, uint64_t size, int prot) {
    void *p = mmap((void *)base, size, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p != (void *)base) {
        die("mmap");
    }
}

static void run_one(void) {
    uint32_t magic, code_len;
    static uint8_t code[MAX_CODE];
    read_exact(&magic, 4);
    read_exact(&code_len, 4);
    if (magic != MAGIC || code_len > MAX_CODE) {
        fprintf(stderr, "oracle: bad request header\n");
        exit(2);
    }
    read_exact(code, code_len);
    read_exact(oracle_in_gpr, sizeof oracle_in_gpr);
    read_exact(&oracle_in_rflags, 8);
    read_exact(oracle_in_fx, 512);
    uint64_t seed;
    uint32_t patches;
    read_exact(&seed, 8);
    read_exact(&patches, 4);
    fill_data(seed);
    int bad = 0;
    for (uint32_t i = 0; i < patches; i++) {
        uint32_t off_len[2];
        static uint8_t bytes[DATA_SIZE];
        read_exact(off_len, 8);
        if (off_len[1] > DATA_SIZE) {
            fprintf(stderr, "oracle: patch too long\n");
            exit(2);
        }
        read_exact(bytes, off_len[1]);
        if ((uint64_t)off_len[0] + off_len[1] > DATA_SIZE) {
            bad = 1;
        } else {
            memcpy(initial_data + off_len[0], bytes, off_len[1]);
        }
    }

    memcpy((void *)DATA_BASE, initial_data, DATA_SIZE);
    uint8_t *page = (uint8_t *)CODE_BASE;
    memset(page, 0xCC, CODE_SIZE);
    memcpy(page, code, code_len);
    page[code_len] = 0xFF; /* jmp qword [rip+0] to oracle_exit */
    page[code_len + 1] = 0x25;
    memset(page + code_len + 2, 0, 4);
    uint64_t exit_address = (uint64_t)(uintptr_t)oracle_exit;
    memcpy(page + code_len + 6, &exit_address, 8);
    oracle_code_entry = CODE_BASE;
    /* only the arithmetic flags and DF come from the request; bit 1 is always set */
    oracle_in_rflags = (oracle_in_rflags & 0xCD5) | 2;

    out_status = DONE;
    out_vector = 0;
    out_error = 0;
    out_fault_address = 0;
    out_rip = CODE_BASE + code_len;
    if (bad) {
        out_status = BAD_REQUEST;
    } else {
        struct itimerval limit = {.it_value = {.tv_sec = 0, .tv_usec = 500000}};
        setitimer(ITIMER_REAL, &limit, NULL);
        if (sigsetjmp(case_end, 1) == 0) {
            in_case = 1;
            oracle_enter();
            in_case = 0;
        }
        struct itimerval off = {0};
        setitimer(ITIMER_REAL, &off, NULL);
    }

    write_exact(&out_status, 4);
    write_exact(&out_vector, 4);
    write_exact(&out_error, 8);
    write_exact(&out_fault_address, 8);
    write_exact(oracle_out_gpr, sizeof oracle_out_gpr);
    write_exact(&out_rip, 8);
    write_exact(&oracle_out_rflags, 8);
    write_exact(oracle_out_fx, 512);
    const uint8_t *data = (const uint8_t *)DATA_BASE;
    uint32_t changed = 0;
    for (size_t i = 0; i < DATA_SIZE; i++) {
        changed += data[i] != initial_data[i];
    }
    write_exact(&changed, 4);
    for (uint32_t i = 0; i < DATA_SIZE; i++) {
        if (data[i] != initial_data[i]) {
            write_exact(&i, 4);
            write_exact(&data[i], 1);
        }
    }
    fflush(stdout);
}

int main(void) {
    map_fixed(CODE_BASE, CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC);
    map_fixed(DATA_BASE, DATA_SIZE, PROT_READ | PROT_WRITE);
    map_fixed(READ_ONLY_BASE, 0x1000, PROT_READ);
    /* Read it once so the kernel maps the zero page: a write then faults on a present page
       (error code P|W|U = 7, as in JefeVM), not on the demand-paged hole (6). */
    (void)*(volatile uint8_t *)READ_ONLY_BASE;
    __asm__ volatile("fxsave64 %0" : "=m"(oracle_host_fx));
    install_handlers();
    for (;;) {
        run_one();
    }
}
