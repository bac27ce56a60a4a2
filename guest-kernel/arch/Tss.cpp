// arch/Tss: see Tss.h. The stacks are static .bss arrays (16 KiB each).
#include "arch/Tss.h"

namespace arch {

namespace {

constexpr size_t kStackSize = 16384;

alignas(16) uint8_t g_ring0Stack[kStackSize];
alignas(16) uint8_t g_doubleFaultStack[kStackSize];
alignas(16) uint8_t g_pageFaultStack[kStackSize];

TaskStateSegment g_tss;

uint64_t topOf(uint8_t* stack) { return reinterpret_cast<uint64_t>(stack + kStackSize); }

}  // namespace

void Tss::initialize() {
    g_tss.rsp[0] = topOf(g_ring0Stack);
    g_tss.ist[kDoubleFaultIst - 1] = topOf(g_doubleFaultStack);
    g_tss.ist[kPageFaultIst - 1] = topOf(g_pageFaultStack);
    // No I/O permission bitmap: point past the segment limit (SDM Vol.1 19.5.2).
    g_tss.ioMapBase = sizeof(TaskStateSegment);
}

TaskStateSegment& Tss::segment() { return g_tss; }

}  // namespace arch
