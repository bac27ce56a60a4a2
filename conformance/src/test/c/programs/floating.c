/*
 * Floating-point workout for the real-program tests: libm (sqrt, sin, cos, exp, log, pow,
 * atan2), printf of doubles in %a, %.17g and %e, long double printf (%Lg, %.21Lg, %La, which
 * runs glibc's x87 code), strtod round trips and float-to-integer conversions. Output is a
 * deterministic transcript compared with the same binary run natively (gcc -O2 -static).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double inputs[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 3.0, 10.0, 0.1, 1e-300, 1e300, 123.456, -987.654e-3,
    3.141592653589793, 2.718281828459045, 1.0 / 3.0, 4.9e-324, 2.2250738585072014e-308,
    1.7976931348623157e308, 6.02214076e23, -1.602176634e-19, 0.7853981633974483, 44.0, 710.0,
};

enum { INPUT_COUNT = sizeof inputs / sizeof inputs[0] };

static void print_double_formats(void) {
    for (int i = 0; i < INPUT_COUNT; i++) {
        double x = inputs[i];
        printf("x=%.17g a=%a e=%e g=%g f=%.3f\n", x, x, x, x, x);
    }
    printf("specials: %g %g %g %a %e\n", INFINITY, -INFINITY, NAN, INFINITY, -0.0);
}

static void libm_functions(void) {
    for (int i = 0; i < INPUT_COUNT; i++) {
        double x = inputs[i];
        double ax = fabs(x);
        printf("x=%-24.17g sqrt=%.17g sin=%.17g cos=%.17g\n", x, sqrt(ax), sin(x), cos(x));
        printf("  exp=%.17g log=%.17g pow=%.17g atan2=%.17g\n", exp(x), ax > 0 ? log(ax) : -HUGE_VAL,
               pow(ax, 0.37), atan2(x, 1.5));
        printf("  floor=%g ceil=%g trunc=%g round=%g rint=%g fmod=%.17g\n", floor(x), ceil(x),
               trunc(x), round(x), rint(x), fmod(x, 0.75));
    }
    double sum = 0.0;
    for (int k = 1; k <= 20000; k++) sum += sqrt((double)k) * sin(k * 0.001) + log1p(k * 1e-4);
    printf("series sum=%.17g\n", sum);
    float fsum = 0.0f;
    for (int k = 1; k <= 20000; k++) fsum += sqrtf((float)k) / (float)k;
    printf("float series=%.9g hex=%a\n", fsum, fsum);
}

static void long_double_printf(void) {
    long double values[] = {
        1.0L, 1.0L / 3.0L, -2.5L, 3.14159265358979323846264338327950288L, 1e-4000L, 1e4000L,
        0.1L, 12345678901234567890.0L, 0.0L, -0.0L,
    };
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        long double v = values[i];
        printf("ld g=%Lg p21=%.21Lg a=%La e=%.25Le\n", v, v, v, v);
    }
    long double acc = 1.0L;
    for (int k = 1; k <= 50; k++) acc = acc * 1.0625L + 1.0L / (long double)k;
    printf("ld acc=%.21Lg sqrtl=%.21Lg\n", acc, sqrtl(acc));
    /* glibc's long double libm runs x87 transcendental instructions (F2XM1, FYL2X, FPATAN,
       FSIN, FPTAN, FSCALE, FPREM). Intel and AMD parts differ in their last bits, so these
       print 17 significant digits of the 64-bit significand: architectural results agree
       there for these inputs. */
    static const long double args[] = {0.25L, 0.5L, 1.0L, 1.75L, 3.0L, 10.5L, 100.0L, -2.25L};
    for (size_t i = 0; i < sizeof args / sizeof args[0]; i++) {
        long double x = args[i];
        printf("ldm x=%Lg exp=%.17Lg log=%.17Lg sin=%.17Lg cos=%.17Lg tan=%.17Lg\n", x, expl(x),
               logl(fabsl(x)), sinl(x), cosl(x), tanl(x));
        printf("    atan2=%.17Lg pow=%.17Lg exp2=%.17Lg log2=%.17Lg fmod=%.17Lg rint=%.5Lg\n", atan2l(x, 0.75L),
               powl(fabsl(x), 1.37L), exp2l(x), log2l(fabsl(x)), fmodl(x * 7.1L, 0.9L), rintl(x * 3.3L));
    }
    long double parsed = strtold("2.718281828459045235360287471352662", NULL);
    printf("strtold=%La\n", parsed);
}

static void strtod_round_trips(void) {
    static const char *texts[] = {
        "0.1", "0.2", "0.30000000000000004", "1e23", "8.98846567431158e307", "2.2250738585072011e-308",
        "4.9406564584124654e-324", "123456789012345678901234567890", "0x1.fffffffffffffp1023",
        "-1.5e-10", "inf", "nan", "1e-400", "1e400", "  42.5xyz", "9007199254740993",
    };
    int failures = 0;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char *end;
        double d = strtod(texts[i], &end);
        char again[64];
        snprintf(again, sizeof again, "%.17g", d);
        double back = strtod(again, NULL);
        int same = memcmp(&back, &d, sizeof d) == 0 || (isnan(d) && isnan(back));
        if (!same) failures++;
        printf("strtod(\"%s\") = %a rest=\"%s\" printed=%s round_trip=%s\n", texts[i], d, end, again,
               same ? "ok" : "BAD");
    }
    uint64_t bits = 0x3FF0000000000000ull;
    for (int k = 0; k < 5000; k++) {
        bits = bits * 6364136223846793005ull + 1442695040888963407ull;
        uint64_t candidate = bits & 0x7FEFFFFFFFFFFFFFull;
        double d;
        memcpy(&d, &candidate, sizeof d);
        char text[40];
        snprintf(text, sizeof text, "%.17g", d);
        double back = strtod(text, NULL);
        if (memcmp(&back, &d, sizeof d) != 0) failures++;
    }
    printf("strtod round trip failures=%d\n", failures);
}

static void conversions(void) {
    static const double values[] = {
        0.0, 0.5, -0.5, 1.5, -1.5, 2.5, 2147483647.0, 2147483648.0, -2147483649.0, 4294967295.9,
        9.2233720368547758e18, -9.2233720368547758e18, 1.8446744073709552e19, 1e30, -1e30, 123.999,
    };
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        volatile double d = values[i];
        volatile float f = (float)d;
        /* out-of-range conversions are undefined in C; on x86 they yield the
           "integer indefinite" value (SDM Vol.1 4.8.3.7), which both runs share */
        int32_t i32 = (int32_t)d;
        int64_t i64 = (int64_t)d;
        uint64_t u64 = (uint64_t)d;
        uint32_t u32 = (uint32_t)d;
        long r = lrint(d);
        long long fr = (long long)f;
        printf("d=%.17g i32=%d i64=%lld u32=%u u64=%llu lrint=%ld f=%a (ll)f=%lld\n", d, i32,
               (long long)i64, u32, (unsigned long long)u64, r, (double)f, fr);
    }
    for (int64_t v = -3; v <= 3; v++) {
        volatile int64_t big = (v << 53) + v;
        volatile uint64_t ubig = 0xFFFFFFFFFFFFF000ull + (uint64_t)(v + 3) * 511;
        printf("i64->d %lld -> %.17g  u64->d %llu -> %.17g  u64->f %a\n", (long long)big, (double)big,
               (unsigned long long)ubig, (double)ubig, (double)(float)ubig);
    }
}

int main(void) {
    print_double_formats();
    libm_functions();
    long_double_printf();
    strtod_round_trips();
    conversions();
    return 0;
}
