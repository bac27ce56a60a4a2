/*
 * Ways a program ends, for the real-program tests; argv[1] picks one:
 *   segv    writes through a null pointer with no handler: killed by SIGSEGV (status 139)
 *   ill     executes UD2 (SDM Vol.2 UD): killed by SIGILL (status 132)
 *   divide  divides by zero with no handler: killed by SIGFPE (status 136)
 *   stdin   counts the bytes, lines and a checksum of standard input; exits with lines % 256
 * Each mode first prints and flushes a line, so the output before the end is compared too.
 */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    printf("mode %s\n", mode);
    fflush(stdout);
    if (strcmp(mode, "segv") == 0) {
        volatile int *nowhere = NULL;
        *nowhere = 1;
    } else if (strcmp(mode, "ill") == 0) {
        __asm__ volatile("ud2");
    } else if (strcmp(mode, "divide") == 0) {
        volatile int zero = 0;
        volatile int seven = 7;
        printf("%d\n", seven / zero);
    } else if (strcmp(mode, "stdin") == 0) {
        unsigned long bytes = 0, lines = 0, sum = 0;
        int c;
        while ((c = getchar()) != EOF) {
            bytes++;
            lines += c == '\n';
            sum = sum * 31 + (unsigned char)c;
        }
        printf("bytes=%lu lines=%lu sum=%lu\n", bytes, lines, sum);
        return (int)(lines % 256);
    }
    printf("still running\n");
    return 3;
}
