/*
 * compute.c: JefeVM's compute benchmark, a static Linux x86_64 program of our own.
 *
 * Interface: compute [SCALE]   (SCALE 1..1024, default 16)
 *   1. FNV-1a (64-bit) over a 2*SCALE MiB buffer of xorshift64 bytes: a byte loop of loads,
 *      XOR and multiply.
 *   2. A sieve of Eratosthenes up to SCALE * 2^20: byte stores in strided inner loops, then a
 *      count and sum of the primes.
 *   3. qsort of SCALE * 2^16 64-bit keys through an indirect comparator (libc's qsort calls it
 *      through a pointer for every comparison), then a position-weighted checksum of the order.
 * Prints one line per part and a combined checksum, so a wrong result under an emulator shows
 * as a different line; the output depends on SCALE only (no addresses, times or environment).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t xorshift64(uint64_t *state) {
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *state = x;
}

/* FNV-1a, 64-bit: offset basis and prime from the FNV specification (draft-eastlake-fnv). */
static uint64_t fnv1a(const uint8_t *p, size_t n) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static uint64_t hash_part(unsigned scale) {
    size_t n = (size_t)scale << 21;
    uint8_t *buf = malloc(n);
    if (buf == NULL) {
        perror("malloc");
        exit(2);
    }
    uint64_t state = 0x9e3779b97f4a7c15ULL;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t v = xorshift64(&state);
        memcpy(buf + i, &v, 8);
    }
    uint64_t h = fnv1a(buf, n);
    free(buf);
    printf("fnv1a  %016llx\n", (unsigned long long)h);
    return h;
}

static uint64_t sieve_part(unsigned scale) {
    uint32_t limit = (uint32_t)scale << 20;
    uint8_t *composite = calloc(limit + 1, 1);
    if (composite == NULL) {
        perror("calloc");
        exit(2);
    }
    for (uint32_t i = 2; (uint64_t)i * i <= limit; i++) {
        if (!composite[i]) {
            for (uint32_t j = i * i; j <= limit; j += i) {
                composite[j] = 1;
            }
        }
    }
    uint32_t count = 0;
    uint64_t sum = 0;
    for (uint32_t i = 2; i <= limit; i++) {
        if (!composite[i]) {
            count++;
            sum += i;
        }
    }
    free(composite);
    printf("sieve  %u primes up to %u, sum %llu\n", count, limit, (unsigned long long)sum);
    return sum * 31 + count;
}

static int ascending(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static int descending(const void *a, const void *b) {
    return ascending(b, a);
}

/* Chosen at run time so the compiler cannot see which function qsort will call. */
static int (*const comparators[])(const void *, const void *) = {ascending, descending};

static uint64_t sort_part(unsigned scale) {
    size_t n = (size_t)scale << 16;
    uint64_t *keys = malloc(n * sizeof *keys);
    if (keys == NULL) {
        perror("malloc");
        exit(2);
    }
    uint64_t state = 0x2545f4914f6cdd1dULL;
    for (size_t i = 0; i < n; i++) {
        keys[i] = xorshift64(&state) % (n * 4); /* some duplicates */
    }
    int (*compare)(const void *, const void *) = comparators[scale & 1];
    qsort(keys, n, sizeof *keys, compare);
    uint64_t check = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && compare(&keys[i - 1], &keys[i]) > 0) {
            printf("qsort  out of order at %zu\n", i);
            exit(1);
        }
        check = check * 0x100000001b3ULL + keys[i] + i;
    }
    free(keys);
    printf("qsort  %zu keys %s, checksum %016llx\n", n, (scale & 1) ? "descending" : "ascending",
           (unsigned long long)check);
    return check;
}

int main(int argc, char **argv) {
    long scale = argc > 1 ? strtol(argv[1], NULL, 10) : 16;
    if (scale < 1 || scale > 1024) {
        fprintf(stderr, "usage: compute [SCALE 1..1024]\n");
        return 2;
    }
    uint64_t total = hash_part((unsigned)scale);
    total = total * 0x100000001b3ULL ^ sieve_part((unsigned)scale);
    total = total * 0x100000001b3ULL ^ sort_part((unsigned)scale);
    printf("checksum %016llx\n", (unsigned long long)total);
    return 0;
}
