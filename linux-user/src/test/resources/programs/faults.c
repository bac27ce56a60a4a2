/* Raises one CPU exception, named by argv[1], and reports the signal it became: number, si_code,
 * and whether si_addr is 0, the faulting RIP, or something else. Run natively it prints what
 * Linux delivers on this host; the runner must print the same. */
#define _GNU_SOURCE
#include <fenv.h>
#include <float.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

/* The address of an INT n instruction about to run: the handler says whether RIP points at it. */
static void *volatile int_at;

static void report(int sig, siginfo_t *info, void *context) {
    ucontext_t *uc = context;
    __asm__ volatile("pushf; andl $~0x40000, (%%rsp); popf" ::: "memory", "cc"); /* EFLAGS.AC stays set in a handler */
    void *rip = (void *) uc->uc_mcontext.gregs[REG_RIP];
    const char *where = info->si_addr == 0 ? "0" : info->si_addr == rip ? "rip" : "other";
    char line[96];
    int n = snprintf(line, sizeof line, "signal %d code %d addr %s%s\n", sig, info->si_code, where,
                     int_at == 0 ? "" : rip == int_at ? " rip at int" : " rip elsewhere");
    write(1, line, n);
    _exit(0);
}

static volatile double d_one = 1.0, d_zero = 0.0, d_three = 3.0, d_max = DBL_MAX, d_min = DBL_MIN;
static volatile long double x_one = 1.0L, x_zero = 0.0L;

int main(int argc, char **argv) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = report;
    sa.sa_flags = SA_SIGINFO;
    int sigs[] = {SIGFPE, SIGSEGV, SIGBUS, SIGTRAP, SIGILL};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        sigaction(sigs[i], &sa, 0);
    }
    const char *c = argc > 1 ? argv[1] : "";
    volatile double d;
    volatile long double x;
    if (!strcmp(c, "x87-div")) { feenableexcept(FE_DIVBYZERO); x = x_one / x_zero; }
    else if (!strcmp(c, "x87-inv")) { feenableexcept(FE_INVALID); x = x_zero / x_zero; }
    else if (!strcmp(c, "sse-div")) { feenableexcept(FE_DIVBYZERO); d = d_one / d_zero; }
    else if (!strcmp(c, "sse-ovf")) { feenableexcept(FE_OVERFLOW); d = d_max * d_max; }
    else if (!strcmp(c, "sse-und")) { feenableexcept(FE_UNDERFLOW); d = d_min * d_min; }
    else if (!strcmp(c, "sse-res")) { feenableexcept(FE_INEXACT); d = d_one / d_three; }
    else if (!strcmp(c, "sse-inv")) { feenableexcept(FE_INVALID); d = d_zero / d_zero; }
    else if (!strcmp(c, "int3")) { __asm__ volatile("int3"); }
    else if (!strcmp(c, "int21")) {
        void *at;
        __asm__ volatile("lea 1f(%%rip), %0" : "=r"(at));
        int_at = at;
        __asm__ volatile("1: int $0x21");
    }
    else if (!strcmp(c, "hlt")) { __asm__ volatile("hlt"); }
    else if (!strcmp(c, "cli")) { __asm__ volatile("cli"); }
    else if (!strcmp(c, "in")) { __asm__ volatile("inb $0x60, %%al" ::: "eax"); }
    else if (!strcmp(c, "out")) { __asm__ volatile("outb %%al, $0x80" ::: "eax"); }
    else if (!strcmp(c, "ac")) {
        static char buf[16];
        volatile int *p = (volatile int *) (buf + 1);
        __asm__ volatile("pushf; orl $0x40000, (%%rsp); popf" ::: "memory", "cc");
        (void) *p;
        __asm__ volatile("pushf; andl $~0x40000, (%%rsp); popf" ::: "memory", "cc");
    }
    (void) d;
    (void) x;
    printf("no signal\n");
    return 1;
}
