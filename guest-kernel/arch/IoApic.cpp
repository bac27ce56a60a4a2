// arch/IoApic: see IoApic.h.
#include "arch/IoApic.h"

#include "mm/VirtualMemoryManager.h"

namespace arch {

namespace {

constexpr uint32_t kRegVersion = 0x01, kRegRedirectionBase = 0x10;
constexpr uint32_t kMasked = 1u << 16, kLevel = 1u << 15, kActiveLow = 1u << 13;

volatile uint32_t* g_base = nullptr;
uint32_t g_gsiBase = 0;
int g_entries = 0;

uint32_t read(uint32_t reg) {
    g_base[0] = reg;
    return g_base[4];
}

void write(uint32_t reg, uint32_t value) {
    g_base[0] = reg;
    g_base[4] = value;
}

}  // namespace

bool IoApic::initialize(uint64_t physicalBase, uint32_t gsiBase, uint64_t hhdmOffset) {
    uint64_t virt = hhdmOffset + physicalBase;
    if (physicalBase == 0 ||
        mm::VirtualMemoryManager::map4K(virt, physicalBase, mm::pte::kWritable | mm::pte::kNoExecute).isError()) {
        return false;
    }
    g_base = reinterpret_cast<volatile uint32_t*>(virt);
    g_gsiBase = gsiBase;
    g_entries = static_cast<int>(((read(kRegVersion) >> 16) & 0xFF) + 1);
    for (int n = 0; n < g_entries; n++) {
        write(kRegRedirectionBase + 2 * n, kMasked);
        write(kRegRedirectionBase + 2 * n + 1, 0);
    }
    return true;
}

bool IoApic::route(uint32_t gsi, uint8_t vector, uint8_t apicId, bool activeLow, bool levelTriggered) {
    if (g_base == nullptr || gsi < g_gsiBase || gsi >= g_gsiBase + static_cast<uint32_t>(g_entries)) {
        return false;
    }
    uint32_t n = gsi - g_gsiBase;
    uint32_t low = vector | (activeLow ? kActiveLow : 0) | (levelTriggered ? kLevel : 0);  // fixed, physical
    write(kRegRedirectionBase + 2 * n + 1, static_cast<uint32_t>(apicId) << 24);
    write(kRegRedirectionBase + 2 * n, low);
    return true;
}

int IoApic::entries() { return g_entries; }

}  // namespace arch
