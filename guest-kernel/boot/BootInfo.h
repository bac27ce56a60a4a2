// boot/BootInfo: JefeOS's Limine requests and typed access to the loader's answers.
// The requests live in the .limine_requests section between the start and end markers
// (linker.ld keeps them, in that order, at the head of .data). Requested: base revision 3,
// bootloader info, HHDM, memory map, framebuffer, executable address, RSDP, a 64 KiB stack,
// 4-level paging, date at boot, modules, the executable's command line. Each accessor returns the response or nullptr when the
// loader did not answer.
#pragma once

#include <stdint.h>

#include "boot/LimineProtocol.h"

namespace boot {

class BootInfo {
public:
    static constexpr uint64_t kRequestedBaseRevision = 3;
    static constexpr uint64_t kStackSize = 64 * 1024;

    // True when the loader honoured base revision 3 (it zeroed the tag's third word).
    static bool baseRevisionSupported();
    // The third word of the tag as the loader left it (3 when not honoured, 0 when honoured).
    static uint64_t baseRevisionTagValue();

    static const limine::BootloaderInfoResponse* bootloaderInfo();
    static const limine::HhdmResponse* hhdm();
    static const limine::MemoryMapResponse* memoryMap();
    static const limine::FramebufferResponse* framebuffer();
    static const limine::ExecutableAddressResponse* executableAddress();
    static const limine::RsdpResponse* rsdp();
    static const limine::PagingModeResponse* pagingMode();
    static const limine::DateAtBootResponse* dateAtBoot();
    static const limine::ModuleResponse* modules();
    // The kernel command line (`jefevm run --cmdline`), "" when the loader gave none.
    static const char* commandLine();
};

}  // namespace boot
