/* Host oracle for JefeVM's SSE float tests: runs SSE/SSE2 scalar float instructions on the host CPU
 * under several MXCSR settings and prints op, imm, mxcsr, a, b, result, flags as CSV.
 * Build: gcc -O1 -msse2 -o oracle float-host-oracle.c; run: ./oracle > float-host.csv */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <immintrin.h>
typedef uint64_t u64; typedef uint32_t u32;
static u64 rng = 0x9E3779B97F4A7C15ULL;
static u64 next(void){ rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }
static const u32 SF[] = {0,0x80000000,0x3f800000,0xbf800000,1,0x807fffff,0x00800000,0x7f7fffff,0xff7fffff,
  0x7f800000,0xff800000,0x7fc00000,0x7f800001,0xffc12345,0x3fc00000,0x40400000,0x3eaaaaab,0x4f000000,0xcf000000,
  0x5f000000,0xdf000000,0x4effffff,0x0c000000,0x33800000};
static const u64 SD[] = {0,0x8000000000000000ULL,0x3ff0000000000000ULL,0xbff0000000000000ULL,1,0x800fffffffffffffULL,
  0x0010000000000000ULL,0x7fefffffffffffffULL,0xffefffffffffffffULL,0x7ff0000000000000ULL,0xfff0000000000000ULL,
  0x7ff8000000000000ULL,0x7ff0000000000001ULL,0xfff8000012345678ULL,0x3ff8000000000000ULL,0x4008000000000000ULL,
  0x41e0000000000000ULL,0xc1e0000000000000ULL,0x43e0000000000000ULL,0xc3e0000000000000ULL,0x41dfffffffc00000ULL,
  0x2000000000000000ULL,0x3ca0000000000000ULL,0x36a0000000000000ULL,0x47efffffe0000000ULL,0x380fffffe0000000ULL};
static u32 rf(void){ u64 r = next(); switch (r & 3) { case 0: return SF[(r >> 8) % (sizeof SF / 4)];
  case 1: return (u32)(r >> 32); default: { u32 e = (u32)((r >> 8) % 40 + 107) ; return (u32)(r >> 40 & 0x807fffff) | e << 23; } } }
static u64 rd(void){ u64 r = next(); switch (r & 3) { case 0: return SD[(r >> 8) % (sizeof SD / 8)];
  case 1: return next(); default: { u64 e = (r >> 8) % 80 + 983; return (next() & 0x800fffffffffffffULL) | e << 52; } } }
static const unsigned CSR[] = {0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9fc0, 0xffc0};
static unsigned csr;
#define BEGIN _mm_setcsr(csr)
#define END (_mm_getcsr() & 0x3f)
#define SS(ins) static void ss_##ins(const char*n){ u32 a=rf(), b=rf(); __m128 x=_mm_castsi128_ps(_mm_cvtsi32_si128(a)), y=_mm_castsi128_ps(_mm_cvtsi32_si128(b)); \
  BEGIN; __asm__ volatile(#ins " %1, %0" : "+x"(x) : "x"(y)); unsigned f=END; _mm_setcsr(0x1f80); \
  printf("%s, 0, 0x%04x, 0x%08x, 0x%08x, 0x%08x, 0x%02x\n", n, csr, a, b, (u32)_mm_cvtsi128_si32(_mm_castps_si128(x)), f); }
#define SD_(ins) static void sd_##ins(const char*n){ u64 a=rd(), b=rd(); __m128d x=_mm_castsi128_pd(_mm_cvtsi64_si128(a)), y=_mm_castsi128_pd(_mm_cvtsi64_si128(b)); \
  BEGIN; __asm__ volatile(#ins " %1, %0" : "+x"(x) : "x"(y)); unsigned f=END; _mm_setcsr(0x1f80); \
  printf("%s, 0, 0x%04x, 0x%016llx, 0x%016llx, 0x%016llx, 0x%02x\n", n, csr, (unsigned long long)a, (unsigned long long)b, (unsigned long long)_mm_cvtsi128_si64(_mm_castpd_si128(x)), f); }
SS(addss) SS(subss) SS(mulss) SS(divss) SS(minss) SS(maxss) SS(sqrtss)
SD_(addsd) SD_(subsd) SD_(mulsd) SD_(divsd) SD_(minsd) SD_(maxsd) SD_(sqrtsd)
static void cmpss(int p){ u32 a=rf(), b=(next()&1)?a:rf(); __m128 x=_mm_castsi128_ps(_mm_cvtsi32_si128(a)), y=_mm_castsi128_ps(_mm_cvtsi32_si128(b));
  BEGIN; switch(p){case 0:__asm__ volatile("cmpss $0, %1, %0":"+x"(x):"x"(y));break;case 1:__asm__ volatile("cmpss $1, %1, %0":"+x"(x):"x"(y));break;
  case 2:__asm__ volatile("cmpss $2, %1, %0":"+x"(x):"x"(y));break;case 3:__asm__ volatile("cmpss $3, %1, %0":"+x"(x):"x"(y));break;
  case 4:__asm__ volatile("cmpss $4, %1, %0":"+x"(x):"x"(y));break;case 5:__asm__ volatile("cmpss $5, %1, %0":"+x"(x):"x"(y));break;
  case 6:__asm__ volatile("cmpss $6, %1, %0":"+x"(x):"x"(y));break;default:__asm__ volatile("cmpss $7, %1, %0":"+x"(x):"x"(y));}
  unsigned f=END; _mm_setcsr(0x1f80);
  printf("CMPSS, %d, 0x%04x, 0x%08x, 0x%08x, 0x%08x, 0x%02x\n", p, csr, a, b, (u32)_mm_cvtsi128_si32(_mm_castps_si128(x)), f); }
static void cmpsd(int p){ u64 a=rd(), b=(next()&1)?a:rd(); __m128d x=_mm_castsi128_pd(_mm_cvtsi64_si128(a)), y=_mm_castsi128_pd(_mm_cvtsi64_si128(b));
  BEGIN; switch(p){case 0:__asm__ volatile("cmpsd $0, %1, %0":"+x"(x):"x"(y));break;case 1:__asm__ volatile("cmpsd $1, %1, %0":"+x"(x):"x"(y));break;
  case 2:__asm__ volatile("cmpsd $2, %1, %0":"+x"(x):"x"(y));break;case 3:__asm__ volatile("cmpsd $3, %1, %0":"+x"(x):"x"(y));break;
  case 4:__asm__ volatile("cmpsd $4, %1, %0":"+x"(x):"x"(y));break;case 5:__asm__ volatile("cmpsd $5, %1, %0":"+x"(x):"x"(y));break;
  case 6:__asm__ volatile("cmpsd $6, %1, %0":"+x"(x):"x"(y));break;default:__asm__ volatile("cmpsd $7, %1, %0":"+x"(x):"x"(y));}
  unsigned f=END; _mm_setcsr(0x1f80);
  printf("CMPSD_XMM, %d, 0x%04x, 0x%016llx, 0x%016llx, 0x%016llx, 0x%02x\n", p, csr, (unsigned long long)a, (unsigned long long)b, (unsigned long long)_mm_cvtsi128_si64(_mm_castpd_si128(x)), f); }
/* (U)COMIS: result = RFLAGS & (CF|PF|AF|ZF|SF|OF) */
#define COMI(ins, T, gen, fmt, mk) static void c_##ins(const char*n){ T a=gen(), b=(next()&1)?a:gen(); __m128 x=mk(a), y=mk(b); u64 fl; \
  __asm__ volatile("push $0x8d5\n\tpopfq" ::: "cc"); BEGIN; __asm__ volatile(#ins " %2, %1\n\tpushfq\n\tpop %0" : "=r"(fl) : "x"(x), "x"(y) : "cc"); unsigned f=END; _mm_setcsr(0x1f80); \
  printf("%s, 0, 0x%04x, " fmt ", " fmt ", 0x%02llx, 0x%02x\n", n, csr, a, b, (unsigned long long)(fl & 0x8d5), f); }
#define MKS(v) _mm_castsi128_ps(_mm_cvtsi32_si128(v))
#define MKD(v) _mm_castsi128_ps(_mm_cvtsi64_si128(v))
COMI(comiss, u32, rf, "0x%08x", MKS) COMI(ucomiss, u32, rf, "0x%08x", MKS)
COMI(comisd, unsigned long long, rd, "0x%016llx", MKD) COMI(ucomisd, unsigned long long, rd, "0x%016llx", MKD)
/* float -> integer: imm column = destination size */
#define F2I(ins, reg, T, gen, fmt, mk, size) static void i_##ins##size(const char*n){ T a=gen(); __m128 x=mk(a); u64 r = 0x5555555555555555ULL; \
  BEGIN; __asm__ volatile(#ins " %1, %" reg "0" : "+r"(r) : "x"(x)); unsigned f=END; _mm_setcsr(0x1f80); \
  printf("%s, %d, 0x%04x, " fmt ", 0x0, 0x%016llx, 0x%02x\n", n, size, csr, a, (unsigned long long)r, f); }
F2I(cvtss2si, "k", u32, rf, "0x%08x", MKS, 4) F2I(cvtss2si, "q", u32, rf, "0x%08x", MKS, 8)
F2I(cvttss2si, "k", u32, rf, "0x%08x", MKS, 4) F2I(cvttss2si, "q", u32, rf, "0x%08x", MKS, 8)
F2I(cvtsd2si, "k", unsigned long long, rd, "0x%016llx", MKD, 4) F2I(cvtsd2si, "q", unsigned long long, rd, "0x%016llx", MKD, 8)
F2I(cvttsd2si, "k", unsigned long long, rd, "0x%016llx", MKD, 4) F2I(cvttsd2si, "q", unsigned long long, rd, "0x%016llx", MKD, 8)
static u64 ri(void){ u64 r=next(); switch(r&3){case 0: return r>>40; case 1: return (u64)(int64_t)(int32_t)(r>>32); default: return next(); } }
#define I2F(ins, reg, size) static void f_##ins##size(const char*n){ u64 a=ri(); if (size==4) a&=0xffffffffULL; __m128 x=_mm_setzero_ps(); \
  BEGIN; __asm__ volatile(#ins " %" reg "1, %0" : "+x"(x) : "r"(a)); unsigned f=END; _mm_setcsr(0x1f80); \
  printf("%s, %d, 0x%04x, 0x%016llx, 0x0, 0x%016llx, 0x%02x\n", n, size, csr, (unsigned long long)a, (unsigned long long)_mm_cvtsi128_si64(_mm_castps_si128(x)), f); }
I2F(cvtsi2ssl, "k", 4) I2F(cvtsi2ssq, "q", 8) I2F(cvtsi2sdl, "k", 4) I2F(cvtsi2sdq, "q", 8)
static void cvtss2sd(void){ u32 a=rf(); __m128 x=_mm_setzero_ps(), y=MKS(a); BEGIN; __asm__ volatile("cvtss2sd %1, %0":"+x"(x):"x"(y)); unsigned f=END; _mm_setcsr(0x1f80);
  printf("CVTSS2SD, 0, 0x%04x, 0x%08x, 0x0, 0x%016llx, 0x%02x\n", csr, a, (unsigned long long)_mm_cvtsi128_si64(_mm_castps_si128(x)), f); }
static void cvtsd2ss(void){ unsigned long long a=rd(); __m128 x=_mm_setzero_ps(), y=MKD(a); BEGIN; __asm__ volatile("cvtsd2ss %1, %0":"+x"(x):"x"(y)); unsigned f=END; _mm_setcsr(0x1f80);
  printf("CVTSD2SS, 0, 0x%04x, 0x%016llx, 0x0, 0x%08x, 0x%02x\n", csr, a, (u32)_mm_cvtsi128_si32(_mm_castps_si128(x)), f); }
int main(void){
  printf("op, imm, mxcsr, a, b, result, flags\n");
  for (unsigned c = 0; c < sizeof CSR / sizeof *CSR; c++) { csr = CSR[c];
    for (int k = 0; k < 10; k++) {
      ss_addss("ADDSS"); ss_subss("SUBSS"); ss_mulss("MULSS"); ss_divss("DIVSS"); ss_minss("MINSS"); ss_maxss("MAXSS"); ss_sqrtss("SQRTSS");
      sd_addsd("ADDSD"); sd_subsd("SUBSD"); sd_mulsd("MULSD"); sd_divsd("DIVSD"); sd_minsd("MINSD"); sd_maxsd("MAXSD"); sd_sqrtsd("SQRTSD");
      cmpss(k & 7); cmpsd((k + 3) & 7);
      c_comiss("COMISS"); c_ucomiss("UCOMISS"); c_comisd("COMISD"); c_ucomisd("UCOMISD");
      i_cvtss2si4("CVTSS2SI"); i_cvtss2si8("CVTSS2SI"); i_cvttss2si4("CVTTSS2SI"); i_cvttss2si8("CVTTSS2SI");
      i_cvtsd2si4("CVTSD2SI"); i_cvtsd2si8("CVTSD2SI"); i_cvttsd2si4("CVTTSD2SI"); i_cvttsd2si8("CVTTSD2SI");
      f_cvtsi2ssl4("CVTSI2SS"); f_cvtsi2ssq8("CVTSI2SS"); f_cvtsi2sdl4("CVTSI2SD"); f_cvtsi2sdq8("CVTSI2SD");
      cvtss2sd(); cvtsd2ss();
    }
  }
  return 0;
}
