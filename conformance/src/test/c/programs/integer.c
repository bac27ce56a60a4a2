/*
 * Integer workout for the real-program tests: hashes, a prime sieve, 64-bit multiply and
 * divide edge cases, bit tricks and __int128 arithmetic. Output is a deterministic transcript
 * that the test compares with the same binary run natively (gcc -O2 -static).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <limits.h>
#if defined(__BMI2__) || defined(__SSE4_2__) || defined(__ADX__)
#include <immintrin.h>
#endif

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t next_random(void) {
    /* xorshift64*: cheap, deterministic input generator */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

static uint32_t fnv1a32(const unsigned char *p, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 16777619u; }
    return h;
}

static uint32_t crc32_table[256];

static void crc32_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc32_table[i] = c;
    }
}

static uint32_t crc32_bytes(const unsigned char *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) c = crc32_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static uint64_t mix_hash(const unsigned char *p, size_t n) {
    uint64_t h = 0x27D4EB2F165667C5ull ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = rotl64(h ^ (w * 0x87C37B91114253D5ull), 31) * 0x4CF5AD432745937Full;
    }
    for (; i < n; i++) h = (h ^ p[i]) * 0x100000001B3ull;
    h ^= h >> 33; h *= 0xFF51AFD7ED558CCDull; h ^= h >> 33;
    return h;
}

static void hashes(void) {
    static unsigned char buf[4099];
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (unsigned char)next_random();
    crc32_init();
    printf("crc32(\"123456789\") = %08x\n", crc32_bytes((const unsigned char *)"123456789", 9));
    for (size_t n = 0; n <= sizeof buf; n += 455) {
        printf("n=%4zu fnv=%08x crc=%08x mix=%016llx\n", n, fnv1a32(buf, n),
               crc32_bytes(buf, n), (unsigned long long)mix_hash(buf, n));
    }
}

static void sieve(void) {
    enum { LIMIT = 2000000 };
    static unsigned char composite[LIMIT + 1];
    unsigned count = 0;
    unsigned long long sum = 0;
    unsigned last = 0;
    for (unsigned i = 2; i <= LIMIT; i++) {
        if (composite[i]) continue;
        count++; sum += i; last = i;
        for (unsigned long long j = (unsigned long long)i * i; j <= LIMIT; j += i) composite[j] = 1;
    }
    printf("primes<=%d: count=%u sum=%llu last=%u\n", LIMIT, count, sum, last);
}

static void muldiv64(void) {
    static const int64_t signed_values[] = {
        0, 1, -1, 2, -2, 7, -7, 1000000007, -1000000007, INT64_MAX, INT64_MIN + 1,
        0x123456789ABCDEFll, -0x123456789ABCDEFll, INT32_MAX, INT32_MIN, 0x100000000ll,
    };
    size_t n = sizeof signed_values / sizeof signed_values[0];
    uint64_t acc = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            volatile int64_t a = signed_values[i], b = signed_values[j];
            uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
            acc = acc * 31 + ua * ub;
            if (b != 0) {
                if (!(a == INT64_MIN && b == -1)) acc = acc * 31 + (uint64_t)(a / b) + (uint64_t)(a % b);
                acc = acc * 31 + ua / ub + ua % ub;
            }
            volatile int32_t a32 = (int32_t)a, b32 = (int32_t)b;
            if (b32 != 0 && !(a32 == INT32_MIN && b32 == -1))
                acc = acc * 31 + (uint32_t)(a32 / b32) + (uint32_t)(a32 % b32);
        }
        printf("row %2zu: %20lld acc=%016llx\n", i, (long long)signed_values[i], (unsigned long long)acc);
    }
    /* high halves of 64x64 products (MUL/IMUL with 128-bit results) */
    for (int k = 0; k < 8; k++) {
        uint64_t a = next_random(), b = next_random();
        unsigned __int128 p = (unsigned __int128)a * b;
        __int128 s = (__int128)(int64_t)a * (int64_t)b;
        printf("mul %016llx*%016llx hi=%016llx lo=%016llx shi=%016llx\n",
               (unsigned long long)a, (unsigned long long)b, (unsigned long long)(p >> 64),
               (unsigned long long)p, (unsigned long long)((unsigned __int128)s >> 64));
    }
}

static void bit_tricks(void) {
    uint64_t acc = 0;
    for (int k = 0; k < 20000; k++) {
        uint64_t x = next_random() >> (k % 64);
        int pop = __builtin_popcountll(x);
        int clz = x ? __builtin_clzll(x) : 64;
        int ctz = x ? __builtin_ctzll(x) : 64;
        uint64_t lowest = x & (0 - x);
        uint64_t cleared = x & (x - 1);
        uint64_t swapped = __builtin_bswap64(x);
        uint32_t rev = __builtin_bswap32((uint32_t)x);
        int parity = __builtin_parityll(x);
        acc = rotl64(acc, 7) ^ (uint64_t)pop ^ ((uint64_t)clz << 8) ^ ((uint64_t)ctz << 16) ^ lowest
              ^ cleared ^ swapped ^ rev ^ (uint64_t)parity;
        if (k % 4000 == 0)
            printf("x=%016llx pop=%d clz=%d ctz=%d low=%016llx bswap=%016llx parity=%d\n",
                   (unsigned long long)x, pop, clz, ctz, (unsigned long long)lowest,
                   (unsigned long long)swapped, parity);
    }
    printf("bit tricks acc=%016llx\n", (unsigned long long)acc);
    for (int s = 0; s < 64; s += 9) {
        volatile int64_t neg = -0x123456789ll;
        volatile uint64_t pos = 0xF0E1D2C3B4A59687ull;
        printf("shift %2d: sar=%016llx shr=%016llx shl=%016llx\n", s,
               (unsigned long long)(neg >> s), (unsigned long long)(pos >> s), (unsigned long long)(pos << s));
    }
}

static void print_u128(unsigned __int128 v) {
    char digits[48];
    int n = 0;
    do { digits[n++] = (char)('0' + (int)(v % 10)); v /= 10; } while (v != 0);
    while (n > 0) putchar(digits[--n]);
}

static void int128(void) {
    unsigned __int128 factorial = 1;
    for (int i = 1; i <= 34; i++) factorial *= (unsigned)i;
    printf("34! = "); print_u128(factorial); putchar('\n');
    unsigned __int128 fib_a = 0, fib_b = 1;
    for (int i = 0; i < 180; i++) { unsigned __int128 t = fib_a + fib_b; fib_a = fib_b; fib_b = t; }
    printf("fib(180) = "); print_u128(fib_a); putchar('\n');
    for (int k = 0; k < 6; k++) {
        unsigned __int128 a = ((unsigned __int128)next_random() << 64) | next_random();
        unsigned __int128 b = (next_random() >> (k * 10)) | 1;
        __int128 sa = (__int128)a, sb = -(__int128)b;
        printf("div: q="); print_u128(a / b); printf(" r="); print_u128(a % b);
        printf(" sq_neg=%d sr_neg=%d\n", (sa / sb) < 0, (sa % sb) < 0);
    }
}

/* Built with -mbmi2 -madx -msse4.2 (the integer-extensions case), the same source also runs
   the instructions gcc only emits through intrinsics: PDEP, PEXT, MULX, ADCX/ADOX and CRC32.
   Without those flags the section prints its portable equivalents' results, so the line
   count differs and a wrong build shows at once. */
static void extension_intrinsics(void) {
#if defined(__BMI2__)
    uint64_t acc = 0;
    for (int k = 0; k < 2000; k++) {
        uint64_t x = next_random(), mask = next_random() & next_random();
        unsigned long long hi;
        uint64_t lo = _mulx_u64(x, mask | 1, &hi);
        acc = rotl64(acc, 5) ^ _pdep_u64(x, mask) ^ (_pext_u64(x, mask) << 1) ^ lo ^ hi
              ^ _bzhi_u64(x, (unsigned)(k % 70));
        if (k % 500 == 0)
            printf("bmi2 x=%016llx m=%016llx pdep=%016llx pext=%016llx\n", (unsigned long long)x,
                   (unsigned long long)mask, (unsigned long long)_pdep_u64(x, mask),
                   (unsigned long long)_pext_u64(x, mask));
    }
    printf("bmi2 acc=%016llx\n", (unsigned long long)acc);
#endif
#if defined(__ADX__)
    unsigned long long limbs_a[8], limbs_b[8], sum[8];
    for (int i = 0; i < 8; i++) { limbs_a[i] = next_random() | (1ull << 63); limbs_b[i] = next_random(); }
    unsigned char carry = 0, overflow = 0;
    for (int i = 0; i < 8; i++) carry = _addcarryx_u64(carry, limbs_a[i], limbs_b[i], &sum[i]);
    for (int i = 0; i < 8; i++) overflow = _addcarryx_u64(overflow, sum[i], limbs_a[7 - i], &sum[i]);
    printf("adx carry=%u overflow=%u top=%016llx low=%016llx\n", carry, overflow, sum[7], sum[0]);
    /* gcc lowers the intrinsic to ADC, so ADCX and ADOX themselves run from inline assembly:
       two carry chains, CF and OF, interleaved (SDM Vol.2 ADCX, ADOX) */
    for (int i = 0; i < 8; i++) {
        unsigned long long via_cf = limbs_a[i], via_of = limbs_b[i];
        unsigned char cf, of;
        __asm__("xorl %%ecx, %%ecx\n\t"
                "stc\n\t"
                "adcx %[x], %[c]\n\t"
                "adox %[y], %[o]\n\t"
                "adcx %[y], %[c]\n\t"
                "adox %[x], %[o]\n\t"
                "setc %[cf]\n\t"
                "seto %[of]"
                : [c] "+r"(via_cf), [o] "+r"(via_of), [cf] "=r"(cf), [of] "=r"(of)
                : [x] "r"(limbs_b[7 - i]), [y] "r"(limbs_a[(i + 3) % 8])
                : "rcx", "cc");
        printf("adcx/adox %d: %016llx %016llx cf=%u of=%u\n", i, via_cf, via_of, cf, of);
    }
#endif
#if defined(__SSE4_2__)
    uint64_t crc = ~0ull;
    uint32_t crc8 = ~0u;
    for (int k = 0; k < 4096; k++) {
        uint64_t word = next_random();
        crc = _mm_crc32_u64(crc, word);
        crc8 = _mm_crc32_u8(crc8, (unsigned char)word);
        crc8 = _mm_crc32_u16(crc8, (unsigned short)(word >> 8));
        crc8 = _mm_crc32_u32(crc8, (uint32_t)(word >> 24));
    }
    printf("crc32c u64=%08llx mixed=%08x\n", (unsigned long long)crc, crc8);
#endif
    printf("extensions done\n");
}

int main(void) {
    hashes();
    sieve();
    muldiv64();
    bit_tricks();
    int128();
    extension_intrinsics();
    return 0;
}
