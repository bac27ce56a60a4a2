/* Host oracle for JefeVM's packed-integer tests (SSE2 on XMM): op, aLo, aHi, bLo, bHi, resultLo, resultHi.
 * Build: gcc -O0 -msse2 -o oracle packed-integer-host-oracle.c; run: (echo "op, aLo, aHi, bLo, bHi, resultLo, resultHi";
 * ./oracle | sed 's/^"//; s/",$//') > packed-integer-host.csv */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <immintrin.h>
typedef unsigned long long u64;
static void pr(const char*n, __m128i a, __m128i b, __m128i r){u64 x[2],y[2],z[2];memcpy(x,&a,16);memcpy(y,&b,16);memcpy(z,&r,16);
 printf("\"%s, 0x%016llx, 0x%016llx, 0x%016llx, 0x%016llx, 0x%016llx, 0x%016llx\",\n",n,x[0],x[1],y[0],y[1],z[0],z[1]);}
#define OP(name, f) pr(#name, a, b, f(a,b))
int main(){
  u64 in[3][4]={{0x80007fff0001ffffULL,0x80ff7f0001fe00ffULL,0x8000800080008000ULL,0x7f807f01ff00ff80ULL},
                {0x0123456789abcdefULL,0xfedcba9876543210ULL,0xf0e1d2c3b4a59687ULL,0x0011223344556677ULL},
                {0x7fffffff80000000ULL,0xffffffff00000001ULL,0x8000000080000000ULL,0x7fffffff00000002ULL}};
  for(int k=0;k<3;k++){
    __m128i a=_mm_set_epi64x(in[k][1],in[k][0]), b=_mm_set_epi64x(in[k][3],in[k][2]);
    OP(PADDB,_mm_add_epi8);OP(PADDW,_mm_add_epi16);OP(PADDD,_mm_add_epi32);OP(PADDQ,_mm_add_epi64);
    OP(PSUBB,_mm_sub_epi8);OP(PSUBW,_mm_sub_epi16);OP(PSUBD,_mm_sub_epi32);OP(PSUBQ,_mm_sub_epi64);
    OP(PADDSB,_mm_adds_epi8);OP(PADDSW,_mm_adds_epi16);OP(PADDUSB,_mm_adds_epu8);OP(PADDUSW,_mm_adds_epu16);
    OP(PSUBSB,_mm_subs_epi8);OP(PSUBSW,_mm_subs_epi16);OP(PSUBUSB,_mm_subs_epu8);OP(PSUBUSW,_mm_subs_epu16);
    OP(PCMPEQB,_mm_cmpeq_epi8);OP(PCMPEQW,_mm_cmpeq_epi16);OP(PCMPEQD,_mm_cmpeq_epi32);
    OP(PCMPGTB,_mm_cmpgt_epi8);OP(PCMPGTW,_mm_cmpgt_epi16);OP(PCMPGTD,_mm_cmpgt_epi32);
    OP(PMULLW,_mm_mullo_epi16);OP(PMULHW,_mm_mulhi_epi16);OP(PMULHUW,_mm_mulhi_epu16);OP(PMULUDQ,_mm_mul_epu32);
    OP(PMADDWD,_mm_madd_epi16);OP(PSADBW,_mm_sad_epu8);OP(PAVGB,_mm_avg_epu8);OP(PAVGW,_mm_avg_epu16);
    OP(PMINUB,_mm_min_epu8);OP(PMAXUB,_mm_max_epu8);OP(PMINSW,_mm_min_epi16);OP(PMAXSW,_mm_max_epi16);
    OP(PAND,_mm_and_si128);OP(PANDN,_mm_andnot_si128);OP(POR,_mm_or_si128);OP(PXOR,_mm_xor_si128);
    OP(PUNPCKLBW,_mm_unpacklo_epi8);OP(PUNPCKHBW,_mm_unpackhi_epi8);OP(PUNPCKLWD,_mm_unpacklo_epi16);OP(PUNPCKHWD,_mm_unpackhi_epi16);
    OP(PUNPCKLDQ,_mm_unpacklo_epi32);OP(PUNPCKHDQ,_mm_unpackhi_epi32);OP(PUNPCKLQDQ,_mm_unpacklo_epi64);OP(PUNPCKHQDQ,_mm_unpackhi_epi64);
    OP(PACKSSWB,_mm_packs_epi16);OP(PACKSSDW,_mm_packs_epi32);OP(PACKUSWB,_mm_packus_epi16);
    OP(PSLLW,_mm_sll_epi16);OP(PSRLW,_mm_srl_epi16);OP(PSRAW,_mm_sra_epi16);
    OP(PSLLD,_mm_sll_epi32);OP(PSRLD,_mm_srl_epi32);OP(PSRAD,_mm_sra_epi32);OP(PSLLQ,_mm_sll_epi64);OP(PSRLQ,_mm_srl_epi64);
  }
  return 0;
}
