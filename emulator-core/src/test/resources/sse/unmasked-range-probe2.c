/* Second host probe behind UnmaskedRangePrecisionTest (CVTSD2SS, DIVSS rows). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <ucontext.h>
static sigjmp_buf jb; static unsigned got;
static void h(int sig, siginfo_t *si, void *uc_) { ucontext_t *uc = uc_; got = uc->uc_mcontext.fpregs->mxcsr; uc->uc_mcontext.fpregs->mxcsr = 0x1f80; siglongjmp(jb, 1); }
static void cvt(unsigned mx, uint64_t v){ unsigned out; if(!sigsetjmp(jb,1)){ __asm__ volatile("ldmxcsr %0; movq %1,%%xmm1; cvtsd2ss %%xmm1,%%xmm0; stmxcsr %2"::"m"(mx),"r"(v),"m"(out):"xmm0","xmm1"); printf("cvt nofault %x\n",out);} else printf("cvt %x %lx FAULT %x\n",mx,v,got);}
static void dv(unsigned mx, uint32_t a, uint32_t b){ unsigned out; if(!sigsetjmp(jb,1)){ __asm__ volatile("ldmxcsr %0; movd %1,%%xmm0; movd %2,%%xmm1; divss %%xmm1,%%xmm0; stmxcsr %3"::"m"(mx),"r"(a),"r"(b),"m"(out):"xmm0","xmm1"); printf("div nofault %x\n",out);} else printf("div %x %x/%x FAULT %x\n",mx,a,b,got);}
int main(){ struct sigaction sa; memset(&sa,0,sizeof sa); sa.sa_sigaction=h; sa.sa_flags=SA_SIGINFO; sigaction(SIGFPE,&sa,0);
 cvt(0x4000,0x0010000000000000ull); cvt(0x1780,0x01A56E1FC2F8F359ull); cvt(0x1b80,0x7E37E43C8800759Cull); cvt(0x1b80,0x7FE0000000000000ull);
 dv(0x1b80,0x7F000000,0x00800000); dv(0x1b80,0x7F000000,0x00C00000); dv(0x1780,0x00800000,0x4B000000); return 0;}
