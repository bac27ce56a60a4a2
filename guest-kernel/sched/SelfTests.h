// sched/SelfTests: the in-guest checks of interrupts, timers and the scheduler, registered
// with lib/SelfTest by registerSelfTests(): the tick advances, sleep lasts as long as asked
// (measured on the tick and on the TSC), a spawned thread runs and exits, a thread that never
// yields is preempted, the input queue hands bytes back in order, and the timer interrupt is
// counted per source.
#pragma once

namespace sched {

void registerSelfTests();

}  // namespace sched
