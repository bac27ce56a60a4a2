/*
 * Arguments, environment and exit status for the real-program tests: prints argc, every
 * argument, the environment sorted by name, a few auxiliary-vector derived facts, and exits
 * with the status given as the first argument (after "--status").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;

static int compare_strings(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    int status = 0;
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
        if (strcmp(argv[i], "--status") == 0 && i + 1 < argc) status = atoi(argv[i + 1]);
    }
    size_t count = 0;
    while (environ[count] != NULL) count++;
    char **sorted = malloc((count + 1) * sizeof *sorted);
    memcpy(sorted, environ, count * sizeof *sorted);
    qsort(sorted, count, sizeof *sorted, compare_strings);
    printf("envc=%zu\n", count);
    for (size_t i = 0; i < count; i++) printf("env %s\n", sorted[i]);
    const char *home = getenv("PROGRAM_TEST_VALUE");
    printf("getenv(PROGRAM_TEST_VALUE)=%s\n", home ? home : "(null)");
    printf("page size=%ld\n", sysconf(_SC_PAGESIZE));
    printf("AT_PAGESZ=%lu AT_SECURE=%lu random-present=%d\n", getauxval(AT_PAGESZ), getauxval(AT_SECURE),
           getauxval(AT_RANDOM) != 0);
    fprintf(stderr, "exiting with %d\n", status);
    fflush(stdout);
    if (status >= 100) _exit(status);
    return status;
}
