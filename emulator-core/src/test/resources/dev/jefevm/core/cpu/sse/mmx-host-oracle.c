/* Host oracle for JefeVM's MMX tests: op, a, b, result (64-bit MMX registers).
 * Build: gcc -O0 -mmmx -msse2 -o oracle mmx-host-oracle.c; run: ./oracle > mmx-host.csv */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <immintrin.h>
typedef unsigned long long u64;
static u64 v(__m64 m){u64 x;memcpy(&x,&m,8);return x;}
static __m64 m(u64 x){__m64 r;memcpy(&r,&x,8);return r;}
#define OP(name, f) printf("%s, 0x%016llx, 0x%016llx, 0x%016llx\n", #name, in[k][0], in[k][1], v(f(m(in[k][0]), m(in[k][1]))))
int main(void){
  u64 in[6][2] = {{0x80007fff0001ffffULL,0x8000800080008000ULL},{0x80ff7f0001fe00ffULL,0x7f807f01ff00ff80ULL},
                  {0x0123456789abcdefULL,0xf0e1d2c3b4a59687ULL},{0xfedcba9876543210ULL,0x0011223344556677ULL},
                  {0x7fffffff80000000ULL,0x000000000000000cULL},{0xffffffff00000001ULL,0x0000000000000021ULL}};
  printf("op, a, b, result\n");
  for (int k = 0; k < 6; k++) {
    OP(PADDB,_mm_add_pi8);OP(PADDW,_mm_add_pi16);OP(PADDD,_mm_add_pi32);OP(PADDQ,_mm_add_si64);
    OP(PSUBB,_mm_sub_pi8);OP(PSUBW,_mm_sub_pi16);OP(PSUBD,_mm_sub_pi32);OP(PSUBQ,_mm_sub_si64);
    OP(PADDSB,_mm_adds_pi8);OP(PADDSW,_mm_adds_pi16);OP(PADDUSB,_mm_adds_pu8);OP(PADDUSW,_mm_adds_pu16);
    OP(PSUBSB,_mm_subs_pi8);OP(PSUBSW,_mm_subs_pi16);OP(PSUBUSB,_mm_subs_pu8);OP(PSUBUSW,_mm_subs_pu16);
    OP(PCMPEQB,_mm_cmpeq_pi8);OP(PCMPEQW,_mm_cmpeq_pi16);OP(PCMPEQD,_mm_cmpeq_pi32);
    OP(PCMPGTB,_mm_cmpgt_pi8);OP(PCMPGTW,_mm_cmpgt_pi16);OP(PCMPGTD,_mm_cmpgt_pi32);
    OP(PMULLW,_mm_mullo_pi16);OP(PMULHW,_mm_mulhi_pi16);OP(PMULHUW,_mm_mulhi_pu16);OP(PMULUDQ,_mm_mul_su32);
    OP(PMADDWD,_mm_madd_pi16);OP(PSADBW,_mm_sad_pu8);OP(PAVGB,_mm_avg_pu8);OP(PAVGW,_mm_avg_pu16);
    OP(PMINUB,_mm_min_pu8);OP(PMAXUB,_mm_max_pu8);OP(PMINSW,_mm_min_pi16);OP(PMAXSW,_mm_max_pi16);
    OP(PAND,_mm_and_si64);OP(PANDN,_mm_andnot_si64);OP(POR,_mm_or_si64);OP(PXOR,_mm_xor_si64);
    OP(PUNPCKLBW,_mm_unpacklo_pi8);OP(PUNPCKHBW,_mm_unpackhi_pi8);OP(PUNPCKLWD,_mm_unpacklo_pi16);OP(PUNPCKHWD,_mm_unpackhi_pi16);
    OP(PUNPCKLDQ,_mm_unpacklo_pi32);OP(PUNPCKHDQ,_mm_unpackhi_pi32);
    OP(PACKSSWB,_mm_packs_pi16);OP(PACKSSDW,_mm_packs_pi32);OP(PACKUSWB,_mm_packs_pu16);
    OP(PSLLW,_mm_sll_pi16);OP(PSRLW,_mm_srl_pi16);OP(PSRAW,_mm_sra_pi16);
    OP(PSLLD,_mm_sll_pi32);OP(PSRLD,_mm_srl_pi32);OP(PSRAD,_mm_sra_pi32);OP(PSLLQ,_mm_sll_si64);OP(PSRLQ,_mm_srl_si64);
  }
  _mm_empty();
  return 0;
}
