/* Touches ever more memory, one page at a time, until something stops it; prints how far it got
 * in MiB at every 16 MiB so that a test can see it ran. Never returns on its own. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    for (size_t mib = 1;; mib++) {
        char *p = malloc(1 << 20);
        if (p == NULL) {
            printf("malloc failed at %zu MiB\n", mib);
            return 1;
        }
        memset(p, 1, 1 << 20);
        if (mib % 16 == 0) {
            printf("%zu MiB\n", mib);
            fflush(stdout);
        }
    }
}
