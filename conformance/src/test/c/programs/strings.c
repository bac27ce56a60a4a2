/*
 * String and memory functions over many sizes and alignments for the real-program tests.
 * glibc picks SSE2, SSE4.2, AVX2 or EVEX variants of these functions by CPUID, so this
 * program exercises whichever vector paths the CPU advertises; the transcript of results
 * (folded into checksums per function) is compared with the native run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { AREA = 8192, MAX_LEN = 300, MAX_ALIGN = 64 };

static unsigned char area_a[AREA] __attribute__((aligned(4096)));
static unsigned char area_b[AREA] __attribute__((aligned(4096)));
static uint64_t checksums[16];
static const char *names[16] = {
    "strlen", "strchr", "strrchr", "strcmp", "strncmp", "strcspn", "strspn", "strpbrk",
    "strstr", "memchr", "memcmp", "memcpy", "memmove", "memset", "strcpy", "strnlen",
};

static void fold(int which, uint64_t value) {
    checksums[which] = (checksums[which] * 0x100000001B3ull) ^ value;
}

static int64_t offset_or_minus(const void *found, const void *base) {
    return found ? (const unsigned char *)found - (const unsigned char *)base : -1;
}

static int sign(int v) { return (v > 0) - (v < 0); }

/* Fills a NUL-terminated string of length len at p with letters drawn from a small
   alphabet so that searches hit and miss at many positions. */
static void fill_string(unsigned char *p, size_t len, unsigned salt) {
    for (size_t i = 0; i < len; i++) p[i] = (unsigned char)('a' + (i * 7 + salt) % 23);
    p[len] = '\0';
}

static void search_functions(size_t len, size_t align) {
    unsigned char *s = area_a + align;
    fill_string(s, len, (unsigned)(len + align));
    const char *cs = (const char *)s;
    fold(0, strlen(cs));
    fold(15, strnlen(cs, len / 2 + 1));
    for (int c = 'a'; c <= 'z'; c += 3) {
        fold(1, (uint64_t)offset_or_minus(strchr(cs, c), s));
        fold(2, (uint64_t)offset_or_minus(strrchr(cs, c), s));
        fold(9, (uint64_t)offset_or_minus(memchr(s, c, len), s));
    }
    fold(1, (uint64_t)offset_or_minus(strchr(cs, '\0'), s));
    fold(5, strcspn(cs, "xyz"));
    fold(5, strcspn(cs, "q"));
    fold(6, strspn(cs, "abcdefghijklm"));
    fold(6, strspn(cs, "ah"));
    fold(7, (uint64_t)offset_or_minus(strpbrk(cs, "wv"), s));
    fold(7, (uint64_t)offset_or_minus(strpbrk(cs, "#"), s));
    if (len > 8) {
        char needle[6];
        memcpy(needle, cs + len - 6, 5);
        needle[5] = '\0';
        fold(8, (uint64_t)offset_or_minus(strstr(cs, needle), s));
    }
    fold(8, (uint64_t)offset_or_minus(strstr(cs, "hov"), s));
    fold(8, (uint64_t)offset_or_minus(strstr(cs, "zzz"), s));
}

static void compare_functions(size_t len, size_t align_a, size_t align_b) {
    unsigned char *a = area_a + align_a, *b = area_b + align_b;
    fill_string(a, len, 3);
    fill_string(b, len, 3);
    fold(3, (uint64_t)sign(strcmp((char *)a, (char *)b)));
    fold(10, (uint64_t)sign(memcmp(a, b, len)));
    if (len > 0) {
        size_t at = (len * 5) / 7;
        b[at] = (unsigned char)(b[at] + 1 + (len & 1) * 200);
        fold(3, (uint64_t)sign(strcmp((char *)a, (char *)b)));
        fold(4, (uint64_t)sign(strncmp((char *)a, (char *)b, at)));
        fold(4, (uint64_t)sign(strncmp((char *)a, (char *)b, at + 1)));
        fold(4, (uint64_t)sign(strncmp((char *)a + 1, (char *)b, len)));
        fold(10, (uint64_t)sign(memcmp(a, b, len)));
        fold(10, (uint64_t)sign(memcmp(a, b, at)));
    }
}

static void copy_functions(size_t len, size_t align_a, size_t align_b) {
    unsigned char *dst = area_b + align_b, *src = area_a + align_a;
    for (size_t i = 0; i < len + 16; i++) src[i] = (unsigned char)(i * 31 + len);
    memset(area_b, 0xEE, MAX_LEN + 2 * MAX_ALIGN + 32);
    memcpy(dst, src, len);
    uint64_t h = 0;
    for (size_t i = 0; i < len + 8; i++) h = h * 131 + dst[i];
    fold(11, h);
    memset(dst, (int)(len & 0xFF), len);
    h = 0;
    for (size_t i = 0; i < len + 8; i++) h = h * 131 + dst[i];
    fold(13, h);
    /* overlapping moves in both directions */
    unsigned char *base = area_a + 2048 + align_a;
    for (size_t i = 0; i < len + 64; i++) base[i] = (unsigned char)(i ^ len);
    memmove(base + align_b % 17, base, len);
    memmove(base, base + 1 + align_b % 13, len);
    h = 0;
    for (size_t i = 0; i < len + 32; i++) h = h * 131 + base[i];
    fold(12, h);
    fill_string(src, len, 11);
    char *end = strcpy((char *)dst, (const char *)src);
    fold(14, (uint64_t)(end - (char *)dst) + strlen((char *)dst) + (uint64_t)dst[len]);
}

/* A string whose terminator is the last byte of a readable page must not fault even for
   vector implementations that read ahead: the following page is ordinary memory here, but
   the reads still cross the boundary. */
static void page_end_cases(void) {
    unsigned char *page_end = area_a + 4096;
    for (size_t len = 0; len < 80; len++) {
        unsigned char *s = page_end - len - 1;
        fill_string(s, len, 5);
        fold(0, strlen((char *)s));
        fold(2, (uint64_t)offset_or_minus(strrchr((char *)s, 'f'), s));
    }
}

/* Copies far larger than the caches: glibc switches to non-temporal stores (MOVNTDQ, SFENCE)
   and 4-page interleaved loops above its non-temporal threshold, which it derives from the
   cache sizes that CPUID reports. */
static void large_copies(void) {
    enum { LARGE = 3 << 20 };
    unsigned char *src = malloc(LARGE + 128), *dst = malloc(LARGE + 128);
    for (size_t i = 0; i < LARGE + 128; i++) src[i] = (unsigned char)(i * 2654435761u >> 13);
    static const size_t sizes[] = {100000, 300000, 1 << 20, LARGE};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        for (size_t align = 0; align < 64; align += 21) {
            memset(dst, 0x5A, LARGE + 128);
            memcpy(dst + align, src + (align * 3) % 64, sizes[k]);
            uint64_t h = 0;
            for (size_t i = 0; i < sizes[k] + 64; i += 7) h = h * 131 + dst[i];
            memmove(dst + 64, dst + align, sizes[k] - 64);
            for (size_t i = 0; i < sizes[k] + 64; i += 11) h = h * 131 + dst[i];
            printf("large copy %zu align %zu: %016llx cmp=%d\n", sizes[k], align, (unsigned long long)h,
                   sign(memcmp(dst + 64, src + (align * 3) % 64, sizes[k] - 64)));
        }
    }
    free(src);
    free(dst);
}

int main(void) {
    for (size_t len = 0; len <= MAX_LEN; len += (len < 70 ? 1 : 17)) {
        for (size_t align = 0; align < MAX_ALIGN; align += (len < 70 ? 5 : 1)) {
            search_functions(len, align);
            compare_functions(len, align, (align * 3) % MAX_ALIGN);
            copy_functions(len, align, (align * 7 + 1) % MAX_ALIGN);
        }
    }
    page_end_cases();
    large_copies();
    for (int i = 0; i < 16; i++) printf("%-8s %016llx\n", names[i], (unsigned long long)checksums[i]);
    static char big_a[100000], big_b[100000];
    memset(big_a, 'x', sizeof big_a - 1);
    memcpy(big_b, big_a, sizeof big_a);
    big_b[77777] = 'y';
    printf("big: strlen=%zu memcmp=%d strcmp=%d memchr=%lld\n", strlen(big_a),
           sign(memcmp(big_a, big_b, sizeof big_a)), sign(strcmp(big_a, big_b)),
           (long long)offset_or_minus(memchr(big_b, 'y', sizeof big_b), big_b));
    return 0;
}
