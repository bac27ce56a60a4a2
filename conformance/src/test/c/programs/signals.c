/*
 * Signals for the real-program tests: a SIGSEGV handler that recovers with siglongjmp
 * (reads and writes of an unmapped page, with si_addr checked), SIGFPE from integer
 * division by zero and from INT64_MIN / -1 (both #DE, SDM Vol.3 6.15), raise() of SIGUSR1
 * with the signal mask observed inside the handler, and finally death by SIGABRT
 * (exit status 128 + 6 as seen by the parent).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf recovery;
static volatile sig_atomic_t last_signal;
static volatile uintptr_t fault_address;
static volatile int usr1_blocked_inside;

static void on_fault(int sig, siginfo_t *info, void *context) {
    (void)context;
    last_signal = sig;
    fault_address = (uintptr_t)info->si_addr;
    siglongjmp(recovery, sig);
}

static void on_usr1(int sig) {
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    usr1_blocked_inside = sigismember(&now, SIGUSR1);
    last_signal = sig;
}

static void install(int sig) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_fault;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(sig, &action, NULL);
}

int main(void) {
    install(SIGSEGV);
    install(SIGFPE);
    unsigned char *page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int attempt = 0; attempt < 3; attempt++) {
        int sig = sigsetjmp(recovery, 1);
        if (sig == 0) {
            volatile unsigned char *target = page + 100 * attempt;
            if (attempt == 1) *target = 7; else (void)*target;
            printf("attempt %d: no fault\n", attempt);
        } else {
            printf("attempt %d: signal %d at page+%ld\n", attempt, sig, (long)(fault_address - (uintptr_t)page));
        }
    }
    mprotect(page, 4096, PROT_READ | PROT_WRITE);
    page[5] = 42;
    printf("after mprotect: %d\n", page[5]);

    volatile int64_t divisors[] = {3, 0, -1};
    volatile int64_t dividend = INT64_MIN;
    for (int k = 0; k < 3; k++) {
        int sig = sigsetjmp(recovery, 1);
        if (sig == 0) {
            int64_t q = dividend / divisors[k];
            printf("divide by %lld: %lld\n", (long long)divisors[k], (long long)q);
        } else {
            printf("divide by %lld: signal %d\n", (long long)divisors[k], sig);
        }
    }
    volatile int32_t small = 17, zero = 0;
    if (sigsetjmp(recovery, 1) == 0) printf("32-bit %d\n", small % zero);
    else printf("32-bit remainder by zero: signal %d\n", (int)last_signal);

    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1);
    printf("usr1 handled=%d blocked inside=%d\n", last_signal == SIGUSR1, usr1_blocked_inside);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, NULL);
    last_signal = 0;
    raise(SIGUSR1);
    printf("while blocked: handled=%d\n", last_signal == SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    printf("after unblock: handled=%d\n", last_signal == SIGUSR1);
    fflush(stdout);
    abort();
}
