/* Host oracle for JefeVM's SSE3/SSSE3/SSE4.1/PCMPGTQ tests. Each row runs one instruction, given as
 * its machine code, on the host CPU with xmm1 = a, xmm2 = b, xmm0 = c (the implicit BLENDV mask),
 * mm1 = aLo, mm2 = bLo, rax = bLo, MXCSR = mxcsr and the six arithmetic flags set, and records
 * xmm1 (mm1 in resultLo for MMX forms), rax, the MXCSR exception flags and the arithmetic flags.
 * Register forms only: ModRM 0xCA is xmm1/mm1, xmm2/mm2; 0xC8 is xmm1 with rax. JefeVM's replay also
 * derives memory forms from them. Build: gcc -O1 -mno-red-zone -o oracle sse4-host-oracle.c;
 * run: ./oracle > sse4-host.csv */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
typedef uint64_t u64; typedef uint32_t u32; typedef uint8_t u8;

typedef struct { u64 x1[2], x2[2], x0[2], mm1, mm2, rax, rflags; u32 mxcsr; u32 pad; } State;
static u8 *page;
static const u32 DEFAULT_CSR = 0x1f80;
static const u64 FLAGS_IN = 0x8d5 | 0x202; /* CF PF AF ZF SF OF set */

static void run(const u8 *code, int len, State *st) {
  memcpy(page, code, len); page[len] = 0xC3;
  __asm__ volatile(
    "movdqu 0(%0), %%xmm1\n\tmovdqu 16(%0), %%xmm2\n\tmovdqu 32(%0), %%xmm0\n\t"
    "movq 48(%0), %%mm1\n\tmovq 56(%0), %%mm2\n\tmov 64(%0), %%rax\n\t"
    "ldmxcsr 80(%0)\n\tpushq 72(%0)\n\tpopfq\n\t"
    "call *%1\n\t"
    "pushfq\n\tpopq 72(%0)\n\tstmxcsr 80(%0)\n\tmov %%rax, 64(%0)\n\tmovdqu %%xmm1, 0(%0)\n\tmovq %%mm1, 48(%0)\n\t"
    "ldmxcsr %2\n\temms\n\t"
    : : "r"(st), "r"(page), "m"(DEFAULT_CSR) : "rax", "xmm0", "xmm1", "xmm2", "mm1", "mm2", "memory", "cc");
}

static u64 rng = 0x0123456789ABCDEFULL;
static u64 next(void){ rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }
static const u32 SF[] = {0,0x80000000,0x3f800000,0xbf800000,1,0x807fffff,0x00800000,0x7f7fffff,
  0x7f800000,0xff800000,0x7fc00000,0x7f800001,0xffc12345,0x3fc00000,0x40200000,0xc0600000,0x4f000000,0xcf000000,
  0x3f000000,0xbf000000,0x4b000001,0xcb7fffff,0x3effffff,0x00000010};
static const u64 SD[] = {0,0x8000000000000000ULL,0x3ff0000000000000ULL,1,0x800fffffffffffffULL,0x0010000000000000ULL,
  0x7fefffffffffffffULL,0x7ff0000000000000ULL,0xfff0000000000000ULL,0x7ff8000000000000ULL,0x7ff0000000000001ULL,
  0x3ff8000000000000ULL,0x4004000000000000ULL,0xc00c000000000000ULL,0x41e0000000000000ULL,0xc1e0000000200000ULL,
  0x3fe0000000000000ULL,0xbfe0000000000000ULL,0x4330000000000001ULL,0xc32fffffffffffffULL,0x3fdfffffffffffffULL};
/* single lanes: specials, raw random bits, and values of moderate size with small exponent spread */
static u32 rf(void){ u64 r = next(); switch (r & 3) { case 0: return SF[(r >> 8) % (sizeof SF / 4)];
  case 1: return (u32)(r >> 32); default: { u32 e = (u32)((r >> 8) % 40 + 107); return (u32)(r >> 40 & 0x807fffff) | e << 23; } } }
static u64 rd(void){ u64 r = next(); switch (r & 3) { case 0: return SD[(r >> 8) % (sizeof SD / 8)];
  case 1: return next(); default: { u64 e = (r >> 8) % 80 + 983; return (next() & 0x800fffffffffffffULL) | e << 52; } } }
static u64 ps(void){ return (u64)rf() | (u64)rf() << 32; }
/* integers: random, or lanes drawn from edge values */
static u64 ri(void){ u64 r = next(); static const u64 E[] = {0, ~0ULL, 0x8080808080808080ULL, 0x7f7f7f7f7f7f7f7fULL,
    0x8000800080008000ULL, 0x7fff7fff7fff7fffULL, 0x8000000080000000ULL, 0x7fffffff7fffffffULL, 0x0101010101010101ULL,
    0xff00ff00ff00ff00ULL, 0x0001ffff8000ffffULL};
  switch (r & 3) { case 0: return E[(r >> 8) % (sizeof E / 8)]; case 1: return next() & next(); default: return next(); } }

enum { INT, F32, F64 };
/* PTEST inputs: 0 random, 1 source bits all inside the destination, 2 all outside */
static int ptestMode;
static u64 gen(int kind){ return kind == F32 ? ps() : kind == F64 ? rd() : ri(); }
static const u32 CSRS[] = {0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9fc0};

static void emit(const char *name, const u8 *code, int len, u32 csr, int kind) {
  State st = {0};
  st.x1[0] = gen(kind); st.x1[1] = gen(kind); st.x2[0] = gen(kind); st.x2[1] = gen(kind);
  if (kind == INT && (next() & 7) == 0) { st.x2[0] = st.x1[0]; st.x2[1] = st.x1[1]; }
  if (ptestMode == 1) { st.x2[0] &= st.x1[0]; st.x2[1] &= st.x1[1]; }   /* b inside a: CF = 1 */
  if (ptestMode == 2) { st.x2[0] &= ~st.x1[0]; st.x2[1] &= ~st.x1[1]; } /* b outside a: ZF = 1 */
  st.x0[0] = next(); st.x0[1] = next();
  st.mm1 = st.x1[0]; st.mm2 = st.x2[0]; st.rax = st.x2[0]; st.rflags = FLAGS_IN; st.mxcsr = csr;
  State in = st;
  run(code, len, &st);
  printf("%s, ", name);
  for (int i = 0; i < len; i++) printf("%02x", code[i]);
  printf(", 0x%04x, 0x%016llx, 0x%016llx, 0x%016llx, 0x%016llx, 0x%016llx, 0x%016llx, 0x%016llx, 0x%016llx, 0x%016llx, 0x%02x, 0x%03llx\n",
    csr, (unsigned long long)in.x1[0], (unsigned long long)in.x1[1], (unsigned long long)in.x2[0],
    (unsigned long long)in.x2[1], (unsigned long long)in.x0[0], (unsigned long long)in.x0[1],
    (unsigned long long)(code[0] == 0x66 || code[0] == 0xF2 || code[0] == 0xF3 ? st.x1[0] : st.mm1),
    (unsigned long long)(code[0] == 0x66 || code[0] == 0xF2 || code[0] == 0xF3 ? st.x1[1] : 0),
    (unsigned long long)st.rax, st.mxcsr & 0x3f, (unsigned long long)(st.rflags & 0x8d5));
}

/* an instruction: prefix (0 = none), map bytes, opcode, ModRM, optional imm8 */
static int encode(u8 *c, int prefix, int rexw, int map, int opcode, int modrm, int imm) {
  int n = 0;
  if (prefix) c[n++] = (u8)prefix;
  if (rexw) c[n++] = 0x48;
  c[n++] = 0x0F;
  if (map) c[n++] = (u8)map;
  c[n++] = (u8)opcode; c[n++] = (u8)modrm;
  if (imm >= 0) c[n++] = (u8)imm;
  return n;
}

static void many(const char *name, int prefix, int rexw, int map, int opcode, int modrm, int imm, int kind, int count, int csrs) {
  u8 c[16]; int n = encode(c, prefix, rexw, map, opcode, modrm, imm);
  for (int k = 0; k < csrs; k++) for (int i = 0; i < count; i++) emit(name, c, n, CSRS[k], kind);
}

int main(void){
  page = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (page == MAP_FAILED) return 1;
  printf("op, code, mxcsr, aLo, aHi, bLo, bHi, cLo, cHi, resultLo, resultHi, rax, flags, rflags\n");
  /* SSE3 */
  many("ADDSUBPS", 0xF2, 0, 0, 0xD0, 0xCA, -1, F32, 24, 5);
  many("ADDSUBPD", 0x66, 0, 0, 0xD0, 0xCA, -1, F64, 24, 5);
  many("HADDPS", 0xF2, 0, 0, 0x7C, 0xCA, -1, F32, 24, 5);
  many("HADDPD", 0x66, 0, 0, 0x7C, 0xCA, -1, F64, 24, 5);
  many("HSUBPS", 0xF2, 0, 0, 0x7D, 0xCA, -1, F32, 24, 5);
  many("HSUBPD", 0x66, 0, 0, 0x7D, 0xCA, -1, F64, 24, 5);
  many("MOVDDUP", 0xF2, 0, 0, 0x12, 0xCA, -1, INT, 4, 1);
  many("MOVSLDUP", 0xF3, 0, 0, 0x12, 0xCA, -1, INT, 4, 1);
  many("MOVSHDUP", 0xF3, 0, 0, 0x16, 0xCA, -1, INT, 4, 1);
  /* SSSE3, XMM (66) and MMX (no prefix) forms */
  static const char *S3[] = {"PSHUFB","PHADDW","PHADDD","PHADDSW","PMADDUBSW","PHSUBW","PHSUBD","PHSUBSW",
    "PSIGNB","PSIGNW","PSIGND","PMULHRSW"};
  for (int i = 0; i < 12; i++) { many(S3[i], 0x66, 0, 0x38, i, 0xCA, -1, INT, 24, 1); many(S3[i], 0, 0, 0x38, i, 0xCA, -1, INT, 16, 1); }
  static const char *ABS[] = {"PABSB","PABSW","PABSD"};
  for (int i = 0; i < 3; i++) { many(ABS[i], 0x66, 0, 0x38, 0x1C + i, 0xCA, -1, INT, 16, 1); many(ABS[i], 0, 0, 0x38, 0x1C + i, 0xCA, -1, INT, 12, 1); }
  for (int imm = 0; imm < 256; imm++) {
    int reps = imm < 34 ? 2 : 1;
    many("PALIGNR", 0x66, 0, 0x3A, 0x0F, 0xCA, imm, INT, reps, 1);
    if (imm < 18 || (imm & 15) == 0) many("PALIGNR", 0, 0, 0x3A, 0x0F, 0xCA, imm, INT, 1, 1);
  }
  /* SSE4.1 */
  many("PBLENDVB", 0x66, 0, 0x38, 0x10, 0xCA, -1, INT, 16, 1);
  many("BLENDVPS", 0x66, 0, 0x38, 0x14, 0xCA, -1, INT, 16, 1);
  many("BLENDVPD", 0x66, 0, 0x38, 0x15, 0xCA, -1, INT, 16, 1);
  many("PTEST", 0x66, 0, 0x38, 0x17, 0xCA, -1, INT, 24, 1);
  ptestMode = 1; many("PTEST", 0x66, 0, 0x38, 0x17, 0xCA, -1, INT, 12, 1);
  ptestMode = 2; many("PTEST", 0x66, 0, 0x38, 0x17, 0xCA, -1, INT, 12, 1);
  ptestMode = 0;
  static const char *EXT[] = {"PMOVSXBW","PMOVSXBD","PMOVSXBQ","PMOVSXWD","PMOVSXWQ","PMOVSXDQ"};
  static const char *ZXT[] = {"PMOVZXBW","PMOVZXBD","PMOVZXBQ","PMOVZXWD","PMOVZXWQ","PMOVZXDQ"};
  for (int i = 0; i < 6; i++) { many(EXT[i], 0x66, 0, 0x38, 0x20 + i, 0xCA, -1, INT, 8, 1); many(ZXT[i], 0x66, 0, 0x38, 0x30 + i, 0xCA, -1, INT, 8, 1); }
  many("PMULDQ", 0x66, 0, 0x38, 0x28, 0xCA, -1, INT, 16, 1);
  many("PCMPEQQ", 0x66, 0, 0x38, 0x29, 0xCA, -1, INT, 16, 1);
  many("PACKUSDW", 0x66, 0, 0x38, 0x2B, 0xCA, -1, INT, 16, 1);
  static const char *R3[] = {"PCMPGTQ","PMINSB","PMINSD","PMINUW","PMINUD","PMAXSB","PMAXSD","PMAXUW","PMAXUD","PMULLD","PHMINPOSUW"};
  for (int i = 0; i < 11; i++) many(R3[i], 0x66, 0, 0x38, 0x37 + i, 0xCA, -1, INT, 16, 1);
  static const char *RND[] = {"ROUNDPS","ROUNDPD","ROUNDSS","ROUNDSD"};
  for (int i = 0; i < 4; i++) for (int imm = 0; imm < 16; imm++) many(RND[i], 0x66, 0, 0x3A, 0x08 + i, 0xCA, imm, (i & 1) ? F64 : F32, 4, 5);
  for (int imm = 0; imm < 256; imm++) {
    many("BLENDPS", 0x66, 0, 0x3A, 0x0C, 0xCA, imm, INT, imm < 16 ? 2 : 0, 1);
    many("BLENDPD", 0x66, 0, 0x3A, 0x0D, 0xCA, imm, INT, imm < 4 ? 2 : 0, 1);
    many("PBLENDW", 0x66, 0, 0x3A, 0x0E, 0xCA, imm, INT, 1, 1);
    many("INSERTPS", 0x66, 0, 0x3A, 0x21, 0xCA, imm, INT, 1, 1);
    many("MPSADBW", 0x66, 0, 0x3A, 0x42, 0xCA, imm, INT, 1, 1);
    many("DPPS", 0x66, 0, 0x3A, 0x40, 0xCA, imm, F32, 2, 1);
    many("DPPD", 0x66, 0, 0x3A, 0x41, 0xCA, imm, F64, 1, 1);
  }
  for (int imm = 0xF0; imm < 0x100; imm++) { many("DPPS", 0x66, 0, 0x3A, 0x40, 0xCA, imm, F32, 2, 5); }
  for (int imm = 0x30; imm < 0x40; imm++) { many("DPPD", 0x66, 0, 0x3A, 0x41, 0xCA, imm, F64, 2, 5); }
  /* inserts and extracts with rax (ModRM 0xC8: reg = xmm1, rm = rax) */
  for (int imm = 0; imm < 20; imm++) {
    many("PEXTRB", 0x66, 0, 0x3A, 0x14, 0xC8, imm, INT, 1, 1);
    many("PEXTRB", 0x66, 1, 0x3A, 0x14, 0xC8, imm, INT, 1, 1);
    many("PEXTRW", 0x66, 0, 0x3A, 0x15, 0xC8, imm, INT, 1, 1);
    many("PEXTRD", 0x66, 0, 0x3A, 0x16, 0xC8, imm, INT, 1, 1);
    many("PEXTRD", 0x66, 1, 0x3A, 0x16, 0xC8, imm, INT, 1, 1);
    many("EXTRACTPS", 0x66, 0, 0x3A, 0x17, 0xC8, imm, INT, 1, 1);
    many("PINSRB", 0x66, 0, 0x3A, 0x20, 0xC8, imm, INT, 1, 1);
    many("PINSRD", 0x66, 0, 0x3A, 0x22, 0xC8, imm, INT, 1, 1);
    many("PINSRD", 0x66, 1, 0x3A, 0x22, 0xC8, imm, INT, 1, 1);
  }
  return 0;
}
