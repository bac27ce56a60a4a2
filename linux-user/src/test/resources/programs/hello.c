/* Writes through stdio, allocates (brk and mmap), reads its arguments and environment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    char *small = malloc(100);
    char *big = malloc(1 << 20); /* beyond the mmap threshold */
    strcpy(small, "hello");
    memset(big, 'x', 1 << 20);
    printf("%s from %d args:", small, argc);
    for (int i = 1; i < argc; i++) {
        printf(" %s", argv[i]);
    }
    printf("\nbig[%d]=%c HOME=%s\n", (1 << 20) - 1, big[(1 << 20) - 1], getenv("HOME"));
    free(big);
    free(small);
    return 3;
}
