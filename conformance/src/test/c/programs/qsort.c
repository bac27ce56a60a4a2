/*
 * qsort workout for the real-program tests: many arrays of ints, doubles, strings and
 * structs, in several sizes and initial orders, sorted with glibc qsort and checked; the
 * transcript (checksums and comparison counts) is compared with the native run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 12345u;
static unsigned long comparisons;

static uint32_t next_random(void) {
    seed = seed * 1103515245u + 12345u;
    return seed >> 1;
}

static int compare_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    comparisons++;
    return (x > y) - (x < y);
}

static int compare_double_desc(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    comparisons++;
    return (x < y) - (x > y);
}

static int compare_string(const void *a, const void *b) {
    comparisons++;
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct record { uint16_t key; uint32_t order; char tag[24]; };

static int compare_record(const void *a, const void *b) {
    const struct record *x = a, *y = b;
    comparisons++;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static void sort_ints(size_t n, int pattern) {
    int *values = malloc(n * sizeof *values);
    for (size_t i = 0; i < n; i++) {
        switch (pattern) {
            case 0: values[i] = (int)next_random() - (1 << 30); break;
            case 1: values[i] = (int)i; break;
            case 2: values[i] = (int)(n - i); break;
            default: values[i] = (int)(next_random() % 7); break;
        }
    }
    comparisons = 0;
    qsort(values, n, sizeof *values, compare_int);
    int sorted = 1;
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && values[i - 1] > values[i]) sorted = 0;
        sum = sum * 1000003u + (uint32_t)values[i];
    }
    printf("ints n=%zu pattern=%d sorted=%d sum=%016llx cmps=%lu\n", n, pattern, sorted,
           (unsigned long long)sum, comparisons);
    free(values);
}

static void sort_doubles(size_t n) {
    double *values = malloc(n * sizeof *values);
    for (size_t i = 0; i < n; i++) values[i] = (double)next_random() / 977.0 - 1e6;
    comparisons = 0;
    qsort(values, n, sizeof *values, compare_double_desc);
    int sorted = 1;
    double weighted = 0.0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && values[i - 1] < values[i]) sorted = 0;
        weighted += values[i] * (double)(i % 13);
    }
    printf("doubles n=%zu sorted=%d first=%.17g last=%.17g weighted=%.17g cmps=%lu\n", n, sorted,
           values[0], values[n - 1], weighted, comparisons);
    free(values);
}

static void sort_strings(size_t n) {
    char **words = malloc(n * sizeof *words);
    for (size_t i = 0; i < n; i++) {
        size_t len = 1 + next_random() % 12;
        words[i] = malloc(len + 1);
        for (size_t k = 0; k < len; k++) words[i][k] = (char)('a' + next_random() % 5);
        words[i][len] = '\0';
    }
    comparisons = 0;
    qsort(words, n, sizeof *words, compare_string);
    int sorted = 1;
    uint32_t hash = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(words[i - 1], words[i]) > 0) sorted = 0;
        for (const char *p = words[i]; *p; p++) hash = (hash ^ (unsigned char)*p) * 16777619u;
    }
    printf("strings n=%zu sorted=%d first=%s last=%s hash=%08x cmps=%lu\n", n, sorted, words[0],
           words[n - 1], hash, comparisons);
    for (size_t i = 0; i < n; i++) free(words[i]);
    free(words);
}

static void sort_records(size_t n) {
    struct record *records = malloc(n * sizeof *records);
    for (size_t i = 0; i < n; i++) {
        records[i].key = (uint16_t)(next_random() % 100);
        records[i].order = (uint32_t)i;
        snprintf(records[i].tag, sizeof records[i].tag, "r%zu", i);
    }
    comparisons = 0;
    qsort(records, n, sizeof *records, compare_record);
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++) sum = sum * 31 + records[i].key * 100000u + records[i].order;
    printf("records n=%zu first=%s last=%s sum=%016llx cmps=%lu\n", n, records[0].tag,
           records[n - 1].tag, (unsigned long long)sum, comparisons);
    free(records);
}

int main(void) {
    static const size_t sizes[] = {1, 2, 3, 5, 8, 17, 64, 100, 1000, 4097, 30000};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
        for (int pattern = 0; pattern < 4; pattern++) sort_ints(sizes[s], pattern);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) sort_doubles(sizes[s]);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) sort_strings(sizes[s]);
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) sort_records(sizes[s]);
    return 0;
}
