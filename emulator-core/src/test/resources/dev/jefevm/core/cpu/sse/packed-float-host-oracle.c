/* Host oracle for JefeVM's packed SSE float tests: op, imm, mxcsr, aLo, aHi, bLo, bHi, rLo, rHi, flags.
 * a is the destination (first source), b the second source. Build: gcc -O1 -msse2 -o oracle packed-float-host-oracle.c; run: ./oracle > packed-float-host.csv */
#include <stdio.h>
#include <stdint.h>
#include <immintrin.h>
typedef uint64_t u64; typedef uint32_t u32;
static u64 rng = 0x0123456789ABCDEFULL;
static u64 next(void){ rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }
static const u32 SF[] = {0,0x80000000,0x3f800000,0xbf800000,1,0x807fffff,0x00800000,0x7f7fffff,
  0x7f800000,0xff800000,0x7fc00000,0x7f800001,0xffc12345,0x3fc00000,0x40200000,0xc0600000,0x4f000000,0xcf000000,0x0c000000};
static const u64 SD[] = {0,0x8000000000000000ULL,0x3ff0000000000000ULL,1,0x800fffffffffffffULL,0x0010000000000000ULL,
  0x7fefffffffffffffULL,0x7ff0000000000000ULL,0xfff0000000000000ULL,0x7ff8000000000000ULL,0x7ff0000000000001ULL,
  0x3ff8000000000000ULL,0x4004000000000000ULL,0xc00c000000000000ULL,0x41e0000000000000ULL,0xc1e0000000200000ULL,
  0x47efffffe0000000ULL,0x380fffffe0000000ULL,0x2000000000000000ULL};
static u32 rf(void){ u64 r = next(); switch (r & 3) { case 0: return SF[(r >> 8) % (sizeof SF / 4)];
  case 1: return (u32)(r >> 32); default: { u32 e = (u32)((r >> 8) % 40 + 107); return (u32)(r >> 40 & 0x807fffff) | e << 23; } } }
static u64 rd(void){ u64 r = next(); switch (r & 3) { case 0: return SD[(r >> 8) % (sizeof SD / 8)];
  case 1: return next(); default: { u64 e = (r >> 8) % 80 + 983; return (next() & 0x800fffffffffffffULL) | e << 52; } } }
static u64 ps(void){ return (u64)rf() | (u64)rf() << 32; }
static u64 ints(void){ u64 r = next(); return (r & 1) ? r : (r & 0x00ffffff00ffffffULL); }
static const unsigned CSR[] = {0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9fc0};
static unsigned csr;
static void out(const char*n, int imm, __m128i a, __m128i b, __m128i r, unsigned f){
  u64 x[2], y[2], z[2]; _mm_storeu_si128((__m128i*)x, a); _mm_storeu_si128((__m128i*)y, b); _mm_storeu_si128((__m128i*)z, r);
  printf("%s, %d, 0x%04x, 0x%016llx, 0x%016llx, 0x%016llx, 0x%016llx, 0x%016llx, 0x%016llx, 0x%02x\n", n, imm, csr,
    (unsigned long long)x[0], (unsigned long long)x[1], (unsigned long long)y[0], (unsigned long long)y[1],
    (unsigned long long)z[0], (unsigned long long)z[1], f); }
#define OP(NAME, ins, ga, gb) { __m128i a = _mm_set_epi64x(ga(), ga()), b = _mm_set_epi64x(gb(), gb()); __m128i r = a; \
  _mm_setcsr(csr); __asm__ volatile(#ins " %1, %0" : "+x"(r) : "x"(b)); unsigned f = _mm_getcsr() & 0x3f; _mm_setcsr(0x1f80); out(NAME, 0, a, b, r, f); }
#define CMP(NAME, ins, g, p) { __m128i a = _mm_set_epi64x(g(), g()), b = (next() & 1) ? a : _mm_set_epi64x(g(), g()); __m128i r = a; \
  _mm_setcsr(csr); __asm__ volatile(#ins " $" #p ", %1, %0" : "+x"(r) : "x"(b)); unsigned f = _mm_getcsr() & 0x3f; _mm_setcsr(0x1f80); out(NAME, p, a, b, r, f); }
int main(void){
  printf("op, imm, mxcsr, aLo, aHi, bLo, bHi, resultLo, resultHi, flags\n");
  for (unsigned c = 0; c < sizeof CSR / sizeof *CSR; c++) { csr = CSR[c];
    for (int k = 0; k < 6; k++) {
      OP("ADDPS", addps, ps, ps) OP("SUBPS", subps, ps, ps) OP("MULPS", mulps, ps, ps) OP("DIVPS", divps, ps, ps)
      OP("MINPS", minps, ps, ps) OP("MAXPS", maxps, ps, ps) OP("SQRTPS", sqrtps, ps, ps)
      OP("ADDPD", addpd, rd, rd) OP("SUBPD", subpd, rd, rd) OP("MULPD", mulpd, rd, rd) OP("DIVPD", divpd, rd, rd)
      OP("MINPD", minpd, rd, rd) OP("MAXPD", maxpd, rd, rd) OP("SQRTPD", sqrtpd, rd, rd)
      OP("CVTPS2DQ", cvtps2dq, ps, ps) OP("CVTTPS2DQ", cvttps2dq, ps, ps) OP("CVTDQ2PS", cvtdq2ps, ps, ints)
      OP("CVTPD2DQ", cvtpd2dq, rd, rd) OP("CVTTPD2DQ", cvttpd2dq, rd, rd) OP("CVTPD2PS", cvtpd2ps, rd, rd)
      OP("CVTPS2PD", cvtps2pd, ps, ps) OP("CVTDQ2PD", cvtdq2pd, ps, ints)
      CMP("CMPPS", cmpps, ps, 1) CMP("CMPPS", cmpps, ps, 4) CMP("CMPPS", cmpps, ps, 6) CMP("CMPPS", cmpps, ps, 3)
      CMP("CMPPD", cmppd, rd, 0) CMP("CMPPD", cmppd, rd, 2) CMP("CMPPD", cmppd, rd, 5) CMP("CMPPD", cmppd, rd, 7)
    }
  }
  return 0;
}
