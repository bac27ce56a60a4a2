/* Host probe behind UnmaskedRangePrecisionTest: runs each case with the given MXCSR and prints the
 * MXCSR the SIGFPE handler finds in the signal frame. Build: gcc -O0 -o probe unmasked-range-probe.c */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <ucontext.h>
static sigjmp_buf jb; static unsigned got;
static void h(int sig, siginfo_t *si, void *uc_) { ucontext_t *uc = uc_; got = uc->uc_mcontext.fpregs->mxcsr; uc->uc_mcontext.fpregs->mxcsr = 0x1f80; siglongjmp(jb, 1); }
typedef struct { double a[2], b[2]; } __attribute__((aligned(16))) P;
static unsigned run(const char *name, int op, unsigned mx, double a0, double a1, double b0, double b1) {
  static P p __attribute__((aligned(16))); p.a[0]=a0;p.a[1]=a1;p.b[0]=b0;p.b[1]=b1;
  unsigned out; got = 0xFFFFFFFF;
  if (!sigsetjmp(jb,1)) {
    __asm__ volatile("ldmxcsr %0"::"m"(mx));
    if (op==0) __asm__ volatile("movapd %0,%%xmm0; addpd %1,%%xmm0"::"m"(p.a),"m"(p.b):"xmm0");
    else if (op==1) __asm__ volatile("movapd %0,%%xmm0; mulpd %1,%%xmm0"::"m"(p.a),"m"(p.b):"xmm0");
    else if (op==2) __asm__ volatile("movapd %0,%%xmm0; cvtpd2ps %0,%%xmm0"::"m"(p.a):"xmm0");
    __asm__ volatile("stmxcsr %0":"=m"(out)); unsigned d=0x1f80; __asm__ volatile("ldmxcsr %0"::"m"(d));
    printf("%-40s mx=%04x -> no fault %04x\n", name, mx, out);
  } else printf("%-40s mx=%04x -> FAULT %04x\n", name, mx, got);
  return 0;
}
int main(){
  struct sigaction sa; memset(&sa,0,sizeof sa); sa.sa_sigaction=h; sa.sa_flags=SA_SIGINFO; sigaction(SIGFPE,&sa,0);
  double M=1.7976931348623157e308, t=1e-300, e=0x1p-60;
  unsigned OM=0x1f80&~0x400, UM=0x1f80&~0x800, PM=0x1f80&~0x1000;
  run("add ovf|inexact OM unmasked", 0, OM, M, 1, M, e);
  run("add ovf|exact OM unmasked", 0, OM, M, 1, M, 1);
  run("mul ovf|underflow(inexact) OM unmasked", 1, OM, M, t, M, t);
  run("mul ovf|underflow(inexact) UM unmasked", 1, UM, M, t, M, t);
  run("mul ovf|exact UM unmasked", 1, UM, M, 1, M, 1);
  run("mul uf|exact UM unmasked", 1, UM, t, 1, t, 1);
  run("mul uf exact (denorm result exact) UM", 1, UM, 0x1p-1000, 1, 0x1p-40, 1);
  run("mul uf exact | inexact UM", 1, UM, 0x1p-1000, 1, 0x1p-40, 1+e);
  run("add ovf | inexact OM,PM unmasked", 0, OM&PM, M, 1, M, e);
  run("add inexact only OM unmasked", 0, OM, 1, 1, e, e);
  run("add ovf both all unmasked", 0, 0, M, 1, M, e);
  run("add ovf|inexact OM unmasked FTZ", 0, OM|0x8000, M, 1, M, e);
  run("mul uf|inexact UM unmasked FTZ", 1, UM|0x8000, t, 1, t, 1);
  run("mul uf|inexact UM masked FTZ", 1, 0x1f80|0x8000, t, 1, t, 1);
  run("mul ovf RZ OM unmasked", 1, OM|0x6000, M, 1, M, 1);
  run("mul ovf OM unmasked sticky PE", 1, OM|0x20, M, 1, M, 1);
  run("cvtpd2ps ovf OM unmasked", 2, OM, 1e300, 1.1, 0,0);
  run("cvtpd2ps uf UM unmasked", 2, UM, 1e-300, 1.1, 0,0);
  run("cvtpd2ps uf UM unmasked exact other", 2, UM, 1e-300, 1, 0,0);
  return 0;
}
