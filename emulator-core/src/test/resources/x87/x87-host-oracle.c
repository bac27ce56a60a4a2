/* Host oracle for JefeVM's x87 tests. For each x87 instruction (as machine code, its memory
 * operand always [rsi]) and many operand values under every precision and rounding control,
 * it runs on the host CPU:  push rcx; popfq; fxrstor64 [rdi]; <instruction>; fxsave64 [rdx];
 * pushfq; pop rax; ret  and prints the state before and after as CSV (all numbers hex):
 *   insn, cw, tag, st0, st1, mem, flags, fsw, fcw, tag_out, st0_out, st1_out, st2_out, mem_out, flags_out
 * The input stack has TOP = 6 (ST0 = R6, ST1 = R7, other registers zero); tag is the abridged
 * physical tag byte of FXSAVE; st values are 20 hex digits (sign+exponent, then significand);
 * mem is the 10 bytes at [rsi] (little-endian byte order); flags are RFLAGS & 0x8D5.
 * Most rows mask all exceptions (their responses are what is recorded); the last rows unmask random
 * subsets, recording the unmasked responses with ES set (FXSAVE takes no #MF).
 * Build: gcc -O1 -o x87-oracle x87-host-oracle.c; run: ./x87-oracle 3 30 12 > x87-host.csv */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
typedef uint64_t u64; typedef uint32_t u32; typedef uint16_t u16; typedef uint8_t u8;

static u64 rng = 0x9E3779B97F4A7C15ULL;
static u64 next(void){ rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }

typedef struct { u64 sig; u16 se; } ext;
static const ext SPECIAL[] = {
  {0,0},{0,0x8000},{1ULL<<63,0x3fff},{1ULL<<63,0xbfff},{0xC000000000000000ULL,0x3fff},{0xC000000000000000ULL,0x4000},
  {1,0},{0x7fffffffffffffffULL,0x8000},{1ULL<<63,0},{1ULL<<63,1},{0xffffffffffffffffULL,0x7ffe},{0xffffffffffffffffULL,0xfffe},
  {1ULL<<63,0x7fff},{1ULL<<63,0xffff},{0xC000000000000000ULL,0x7fff},{0xC000000000000000ULL,0xffff},
  {0xA000000000000000ULL,0x7fff},{0x8000000000000001ULL,0xffff},{0xE123456789ABCDEFULL,0x7fff},
  {0x4000000000000000ULL,0x3fff},{0x0000000000000000ULL,0x4005},{0xffffffffffffffffULL,0x403e},{1ULL<<63,0x403e},
  {0x8000000000000400ULL,0x3fff},{0x80000000000007ffULL,0x3fff},{0x8000008000000000ULL,0x4001},{0xC90FDAA22168C235ULL,0x4000},
  {0xffffffffffffffffULL,0x3c00},{1ULL<<63,0x3c01},{0xffffffffffffff00ULL,0x407e},{1ULL<<63,0x3f81},{1ULL<<63,0x3f6a},
  {0xfffffe0000000000ULL,0x407e},{0xfffffffffffff800ULL,0x43fe},{1ULL<<63,0x3bcd},{0x8000000000000000ULL,0x3bcc},
};
#define NSPECIAL (sizeof SPECIAL / sizeof *SPECIAL)

static ext rext(void){
  u64 r = next(); ext v;
  switch (r & 7) {
  case 0: case 1: return SPECIAL[(r >> 8) % NSPECIAL];
  case 2: v.sig = next() | 1ULL<<63; v.se = (u16)(0x3fff - 40 + (r >> 8) % 80); break;
  case 3: { /* near rounding ties of the 24, 53 and 64-bit precisions */
    int p = ((r >> 8) % 3 == 0) ? 40 : ((r >> 8) % 3 == 1) ? 11 : 1;
    u64 m = next() | 1ULL<<63; u64 low = (r >> 16) & 3; u64 half = 1ULL << (p - 1);
    m &= ~((1ULL << p) - 1); if (p == 1) m |= low & 1; else m |= low == 0 ? half : low == 1 ? half - 1 : low == 2 ? half + 1 : 0;
    v.sig = m; v.se = (u16)(0x3fff - 5 + (r >> 24) % 10); break; }
  case 4: v.sig = next() | 1ULL<<63; v.se = (u16)((r >> 8) % 70 + 1); break;           /* near the denormal range */
  case 5: v.sig = next() | 1ULL<<63; v.se = (u16)(0x7ffe - (r >> 8) % 70); break;      /* near overflow */
  case 6: v.sig = next() | 1ULL<<63; v.se = (u16)(0x3fff - 16500 / 128 + (r >> 8) % (16500 / 64)); break;
  default: v.sig = next() | 1ULL<<63; v.se = (u16)((r >> 8) % 0x7fff); if (v.se == 0) v.sig >>= 3; break;
  }
  if (r & (1ULL << 40)) v.se |= 0x8000;
  return v;
}
/* a value near x (cancellation, equal operands) */
static ext rnear(ext x){ u64 r = next(); ext v = x; switch (r & 3) { case 0: return x; case 1: v.sig ^= (r >> 8) & 0xff; break;
  case 2: v.se ^= 0x8000; break; default: v.sig ^= 1ULL << ((r >> 8) % 63); } return v; }

static u32 rf32(void){ static const u32 S[] = {0,0x80000000,0x3f800000,0xbf800000,1,0x807fffff,0x00800000,0x7f7fffff,0xff7fffff,
  0x7f800000,0xff800000,0x7fc00000,0x7f800001,0xffc12345,0x3fc00000,0x40400000,0x3eaaaaab,0x4f000000,0xcf000000};
  u64 r = next(); switch (r & 3) { case 0: return S[(r >> 8) % (sizeof S / 4)]; case 1: return (u32)(r >> 32);
  default: { u32 e = (u32)((r >> 8) % 40 + 107); return (u32)(r >> 40 & 0x807fffff) | e << 23; } } }
static u64 rf64(void){ static const u64 S[] = {0,0x8000000000000000ULL,0x3ff0000000000000ULL,0xbff0000000000000ULL,1,0x800fffffffffffffULL,
  0x0010000000000000ULL,0x7fefffffffffffffULL,0xffefffffffffffffULL,0x7ff0000000000000ULL,0xfff0000000000000ULL,
  0x7ff8000000000000ULL,0x7ff0000000000001ULL,0xfff8000012345678ULL,0x3ff8000000000000ULL,0x4008000000000000ULL};
  u64 r = next(); switch (r & 3) { case 0: return S[(r >> 8) % (sizeof S / 8)]; case 1: return next();
  default: { u64 e = (r >> 8) % 80 + 983; return (next() & 0x800fffffffffffffULL) | e << 52; } } }
static u64 rint64(void){ static const u64 S[] = {0,1,(u64)-1,0x7fff,0x8000,0xffff8000ULL,0x7fffffff,0x80000000ULL,0xffffffff80000000ULL,
  0x7fffffffffffffffULL,0x8000000000000000ULL,0x20000000000001ULL,0x8000000000000001ULL};
  u64 r = next(); switch (r & 3) { case 0: return S[(r >> 8) % (sizeof S / 8)]; case 1: return next() >> ((r >> 8) % 64);
  case 2: return (u64)-(int64_t)(next() >> ((r >> 8) % 64)); default: return next(); } }
static void rbcd(u8 *m){ u64 r = next(); for (int i = 0; i < 9; i++) { u64 d = next(); m[i] = (u8)((d % 10) | ((d >> 8) % 10) << 4); }
  if ((r & 3) == 0) { memset(m + 3, 0, 6); }
  m[9] = (r & 4) ? 0x80 : 0; }
/* a value for FIST/FBSTP/FRNDINT: integer-ish magnitudes, halves, range edges */
static ext rintish(void){ u64 r = next(); ext v; if ((r & 3) == 0) return rext();
  int e = (int)((r >> 8) % 66) - 2; v.se = (u16)(0x3fff + e); v.sig = next() | 1ULL << 63;
  if (e >= 0 && e < 63 && (r & 4)) { u64 fracmask = (1ULL << (63 - e)) - 1; v.sig &= ~fracmask; if (r & 8) v.sig |= (fracmask + 1) >> 1; }
  if (r & 16) { v.se |= 0x8000; }
  return v; }

enum { M_NONE, M_F32, M_F64, M_I16, M_I32, M_I64, M_M80, M_BCD, M_CW };
enum { A_ANY, A_INT, A_TRIG, A_SMALL };
typedef struct { const char *hex; int mem; int args; int transcendental; } op;
static const op OPS[] = {
  {"d8c1",0,A_ANY,0},{"dcc1",0,A_ANY,0},{"dec1",0,A_ANY,0},{"d8e1",0,A_ANY,0},{"d8e9",0,A_ANY,0},{"dce1",0,A_ANY,0},{"dce9",0,A_ANY,0},
  {"dee9",0,A_ANY,0},{"dee1",0,A_ANY,0},{"d8c9",0,A_ANY,0},{"dec9",0,A_ANY,0},{"d8f1",0,A_ANY,0},{"d8f9",0,A_ANY,0},{"dcf9",0,A_ANY,0},
  {"dcf1",0,A_ANY,0},{"def9",0,A_ANY,0},{"def1",0,A_ANY,0},
  {"d806",M_F32,A_ANY,0},{"d80e",M_F32,A_ANY,0},{"d826",M_F32,A_ANY,0},{"d82e",M_F32,A_ANY,0},{"d836",M_F32,A_ANY,0},{"d83e",M_F32,A_ANY,0},
  {"dc06",M_F64,A_ANY,0},{"dc0e",M_F64,A_ANY,0},{"dc26",M_F64,A_ANY,0},{"dc2e",M_F64,A_ANY,0},{"dc36",M_F64,A_ANY,0},{"dc3e",M_F64,A_ANY,0},
  {"da06",M_I32,A_ANY,0},{"da0e",M_I32,A_ANY,0},{"da26",M_I32,A_ANY,0},{"da36",M_I32,A_ANY,0},{"de06",M_I16,A_ANY,0},{"de3e",M_I16,A_ANY,0},
  {"d9fa",0,A_ANY,0},{"d9fc",0,A_INT,0},{"d9fd",0,A_SMALL,0},{"d9f4",0,A_ANY,0},{"d9f8",0,A_ANY,0},{"d9f5",0,A_ANY,0},
  {"d9e0",0,A_ANY,0},{"d9e1",0,A_ANY,0},{"d9e4",0,A_ANY,0},{"d9e5",0,A_ANY,0},
  {"d8d1",0,A_ANY,0},{"d8d9",0,A_ANY,0},{"ded9",0,A_ANY,0},{"dde1",0,A_ANY,0},{"dde9",0,A_ANY,0},{"dae9",0,A_ANY,0},
  {"dbf1",0,A_ANY,0},{"dff1",0,A_ANY,0},{"dbe9",0,A_ANY,0},{"dfe9",0,A_ANY,0},
  {"d816",M_F32,A_ANY,0},{"dc1e",M_F64,A_ANY,0},{"da16",M_I32,A_ANY,0},{"de1e",M_I16,A_ANY,0},
  {"d9c9",0,A_ANY,0},{"d9c1",0,A_ANY,0},{"ddd1",0,A_ANY,0},{"ddd9",0,A_ANY,0},{"dac1",0,A_ANY,0},{"dbd1",0,A_ANY,0},{"dad9",0,A_ANY,0},
  {"d9e8",0,A_ANY,0},{"d9e9",0,A_ANY,0},{"d9ea",0,A_ANY,0},{"d9eb",0,A_ANY,0},{"d9ec",0,A_ANY,0},{"d9ed",0,A_ANY,0},{"d9ee",0,A_ANY,0},
  {"d906",M_F32,A_ANY,0},{"dd06",M_F64,A_ANY,0},{"db2e",M_M80,A_ANY,0},{"d916",0,A_ANY,0},{"d91e",0,A_ANY,0},{"dd16",0,A_ANY,0},
  {"dd1e",0,A_ANY,0},{"db3e",0,A_ANY,0},
  {"df06",M_I16,A_ANY,0},{"db06",M_I32,A_ANY,0},{"df2e",M_I64,A_ANY,0},{"df16",0,A_INT,0},{"db16",0,A_INT,0},{"df1e",0,A_INT,0},
  {"db1e",0,A_INT,0},{"df3e",0,A_INT,0},{"df0e",0,A_INT,0},{"db0e",0,A_INT,0},{"dd0e",0,A_INT,0},{"df26",M_BCD,A_ANY,0},{"df36",0,A_INT,0},
  {"dd3e",0,A_ANY,0},{"d93e",0,A_ANY,0},{"d92e",M_CW,A_ANY,0},{"d9f6",0,A_ANY,0},{"d9f7",0,A_ANY,0},{"ddc1",0,A_ANY,0},{"dfc1",0,A_ANY,0},
  {"d9f0",0,A_SMALL,1},{"d9f1",0,A_ANY,1},{"d9f9",0,A_SMALL,1},{"d9fe",0,A_TRIG,1},{"d9ff",0,A_TRIG,1},{"d9fb",0,A_TRIG,1},
  {"d9f2",0,A_TRIG,1},{"d9f3",0,A_ANY,1},
};
#define NOPS (sizeof OPS / sizeof *OPS)

static u8 *code;
static int hexbyte(const char *h){ int v; sscanf(h, "%2x", &v); return v; }

static ext pick(int args){
  switch (args) {
  case A_INT: return rintish();
  case A_TRIG: { u64 r = next(); if ((r & 3) == 0) return rext(); ext v; v.sig = next() | 1ULL << 63;
    v.se = (u16)(0x3fff - 30 + (r >> 8) % 95); if (r & 16) { v.se |= 0x8000; }
  return v; }
  case A_SMALL: { u64 r = next(); if ((r & 3) == 0) return rext(); ext v; v.sig = next() | 1ULL << 63;
    v.se = (u16)(0x3fff - 1 - (r >> 8) % 40); if (r & 16) { v.se |= 0x8000; }
  return v; }
  default: return rext();
  }
}

static void run(const op *o, u16 cw, u8 tag, ext a, ext b, const u8 *memin, u64 flags){
  static u8 in[512] __attribute__((aligned(16))), out[512] __attribute__((aligned(16)));
  u8 mem[16]; memcpy(mem, memin, 16);
  memset(in, 0, sizeof in); memset(out, 0, sizeof out);
  memcpy(in, &cw, 2); u16 fsw = 6 << 11; memcpy(in + 2, &fsw, 2); in[4] = tag;
  u32 mxcsr = 0x1f80; memcpy(in + 24, &mxcsr, 4);
  memcpy(in + 32, &a.sig, 8); memcpy(in + 40, &a.se, 2); memcpy(in + 48, &b.sig, 8); memcpy(in + 56, &b.se, 2);
  int n = 0; const u8 pre[] = {0x51,0x9d,0x48,0x0f,0xae,0x0f}; memcpy(code, pre, sizeof pre); n = sizeof pre;
  for (const char *h = o->hex; *h; h += 2) code[n++] = (u8)hexbyte(h);
  const u8 post[] = {0x48,0x0f,0xae,0x02,0x9c,0x58,0xc3}; memcpy(code + n, post, sizeof post);
  u64 (*fn)(void*, void*, void*, u64) = (u64 (*)(void*, void*, void*, u64))(void*)code;
  u64 fl = fn(in, mem, out, flags);
  __asm__ volatile("fninit");
  u16 ofsw, ofcw; memcpy(&ofcw, out, 2); memcpy(&ofsw, out + 2, 2);
  printf("%s,%04x,%02x,%04x%016llx,%04x%016llx,", o->hex, cw, tag, a.se, (unsigned long long)a.sig, b.se, (unsigned long long)b.sig);
  for (int i = 0; i < 10; i++) printf("%02x", memin[i]);
  printf(",%03llx,%04x,%04x,%02x", (unsigned long long)flags, ofsw, ofcw, out[4]);
  for (int i = 0; i < 3; i++) { u64 s; u16 e; memcpy(&s, out + 32 + 16 * i, 8); memcpy(&e, out + 40 + 16 * i, 2);
    printf(",%04x%016llx", e, (unsigned long long)s); }
  printf(",");
  for (int i = 0; i < 10; i++) printf("%02x", mem[i]);
  printf(",%03llx\n", (unsigned long long)(fl & 0x8d5));
}

/* every op under every precision and rounding control, `rows` times each */
static void record(const op *o, int rows){
  for (int pc = 0; pc < 4; pc++) {
    if (pc == 1) continue;
    for (int rc = 0; rc < 4; rc++) {
      u16 cw = (u16)(0x007f | pc << 8 | rc << 10);
      for (int i = 0; i < rows; i++) {
        u64 r = next();
        ext a = pick(o->args), b = (r & 3) == 0 ? rnear(a) : pick(o->args);
        u8 mem[16] = {0};
        switch (o->mem) {
        case M_F32: { u32 v = rf32(); memcpy(mem, &v, 4); break; }
        case M_F64: { u64 v = rf64(); memcpy(mem, &v, 8); break; }
        case M_I16: { u16 v = (u16)rint64(); memcpy(mem, &v, 2); break; }
        case M_I32: { u32 v = (u32)rint64(); memcpy(mem, &v, 4); break; }
        case M_I64: { u64 v = rint64(); memcpy(mem, &v, 8); break; }
        case M_M80: { ext v = rext(); memcpy(mem, &v.sig, 8); memcpy(mem + 8, &v.se, 2); break; }
        case M_BCD: rbcd(mem); break;
        case M_CW: { u16 v = (u16)(next() | 0x3f); memcpy(mem, &v, 2); break; }
        default: for (int j = 0; j < 10; j++) mem[j] = (u8)next();
        }
        /* stack shapes: both in use, only ST0, none, full */
        u8 tag = 0xc0; u64 t = (r >> 8) % 16;
        if (t == 0) tag = 0x40; else if (t == 1) tag = 0x00; else if (t == 2) tag = 0xff;
        u64 flags = 2 | ((r >> 16) & 0x8d5);
        run(o, cw, tag, a, b, mem, flags);
      }
    }
  }
}

/* unmasked exceptions: random mask subsets under extended precision and nearest rounding; FXSAVE
 * does not wait, so the state with ES set is recorded before any #MF could be taken */
static void recordUnmasked(const op *o, int rows){
  for (int i = 0; i < rows; i++) {
    u64 r = next();
    ext a = pick(o->args), b = (r & 3) == 0 ? rnear(a) : pick(o->args);
    u8 mem[16] = {0};
    switch (o->mem) {
    case M_F32: { u32 v = rf32(); memcpy(mem, &v, 4); break; }
    case M_F64: { u64 v = rf64(); memcpy(mem, &v, 8); break; }
    case M_I16: { u16 v = (u16)rint64(); memcpy(mem, &v, 2); break; }
    case M_I32: { u32 v = (u32)rint64(); memcpy(mem, &v, 4); break; }
    case M_I64: { u64 v = rint64(); memcpy(mem, &v, 8); break; }
    case M_M80: { ext v = rext(); memcpy(mem, &v.sig, 8); memcpy(mem + 8, &v.se, 2); break; }
    case M_BCD: rbcd(mem); break;
    case M_CW: { u16 v = (u16)(next() | 0x3f); memcpy(mem, &v, 2); break; }
    default: for (int j = 0; j < 10; j++) mem[j] = (u8)next();
    }
    u8 tag = 0xc0; u64 t = (r >> 8) % 16;
    if (t == 0) tag = 0x40; else if (t == 1) tag = 0x00; else if (t == 2) tag = 0xff;
    u16 cw = (u16)(0x0340 | ((r >> 24) & 0x3f & ((r >> 32) & 1 ? 0 : 0x3f)));
    run(o, cw, tag, a, b, mem, 2 | ((r >> 16) & 0x8d5));
  }
}

/* usage: x87-oracle [rows per op and control word] [extra rows for the transcendentals] [unmasked rows] [seed]
 * The committed x87-host.csv is ./x87-oracle 3 30 12 */
int main(int argc, char **argv){
  int rows = argc > 1 ? atoi(argv[1]) : 3, extra = argc > 2 ? atoi(argv[2]) : 30;
  int unmasked = argc > 3 ? atoi(argv[3]) : 12;
  if (argc > 4) rng = strtoull(argv[4], 0, 0) | 1;
  code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  printf("insn,cw,tag,st0,st1,mem,flags,fsw,fcw,tag_out,st0_out,st1_out,st2_out,mem_out,flags_out\n");
  for (unsigned k = 0; k < NOPS; k++) record(&OPS[k], rows);
  for (unsigned k = 0; k < NOPS; k++) if (OPS[k].transcendental) record(&OPS[k], extra);
  for (unsigned k = 0; k < NOPS; k++) recordUnmasked(&OPS[k], unmasked);
  return 0;
}
