// sched/SelfTests: the in-guest checks of interrupts, timers and the scheduler, registered
// with lib/SelfTest by registerSelfTests(): the tick advances, sleep lasts as long as asked
// (measured on the tick and on the TSC), a spawned thread runs and exits, a thread that never
// yields is preempted, the input queue hands bytes back in order, and the timer interrupt is
// counted per source. Two APIC checks (the LAPIC timer drives the tick; the I/O APIC has the
// 16 inputs the ISA IRQs need) and one 8259 check (the PIT tick arrives through the 8259) each
// print SKIP with the reason on a machine where the other controller drives the tick.
#pragma once

namespace sched {

void registerSelfTests();

}  // namespace sched
