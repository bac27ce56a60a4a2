/* Catches its own SIGSEGV on a write to an unmapped address, checks si_addr, and leaves the
   handler with siglongjmp; then dies of an uncaught one if asked. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf back;
static void *faulted;

static void on_segv(int sig, siginfo_t *info, void *context) {
    (void) context;
    faulted = info->si_addr;
    siglongjmp(back, sig);
}

int main(int argc, char **argv) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    volatile int *bad = (int *) 0xdead000;
    int sig = sigsetjmp(back, 1);
    if (sig == 0) {
        *bad = 1;
        printf("no fault\n");
        return 1;
    }
    printf("caught signal %d at %p\n", sig, faulted);
    if (argc > 1) {
        signal(SIGSEGV, SIG_DFL);
        *bad = 2;
    }
    return 0;
}
