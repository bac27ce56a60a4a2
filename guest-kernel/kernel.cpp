// kernel.cpp: JefeOS's boot sequence, from kmain (called by arch/entry.S on our own stack
// after boot milestone 1) to the shell:
//   serial -> Limine base revision check -> GDT/TSS -> IDT -> PMM -> VMM (own PML4, CR3)
//   -> heap -> framebuffer console -> ACPI/power (the one walk of the ACPI tables) ->
//   interrupt controllers and the timer tick (LAPIC, or PIT + 8259 under `noapic` on the
//   kernel command line or without a usable APIC) -> console input (UART IRQ 4) -> RTC,
//   PCI, PS/2, power button -> ATA disks and the NTFS volume mounted at / (fs/VfsMount)
//   -> milestone 2 -> banner -> milestone 3 -> the shell thread, while the boot context
//   becomes the idle thread. Without a working tick the shell polls the UART on the boot
//   stack instead. Failures that leave no way forward print why on serial and halt.
#include "arch/Cpu.h"
#include "arch/Gdt.h"
#include "arch/Idt.h"
#include "boot/BootInfo.h"
#include "drivers/Acpi.h"
#include "drivers/BootTimer.h"
#include "drivers/Console.h"
#include "drivers/FbConsole.h"
#include "drivers/Framebuffer.h"
#include "drivers/I8042.h"
#include "drivers/Input.h"
#include "drivers/Pci.h"
#include "drivers/Power.h"
#include "drivers/PowerButton.h"
#include "drivers/Rtc.h"
#include "drivers/Serial16550.h"
#include "drivers/SerialInput.h"
#include "drivers/TscClock.h"
#include "drivers/WallClock.h"
#include "fs/Vfs.h"
#include "fs/VfsMount.h"
#include "lib/CommandLine.h"
#include "lib/Kprintf.h"
#include "lib/Panic.h"
#include "lib/Version.h"
#include "mm/KernelHeap.h"
#include "mm/PhysicalMemoryManager.h"
#include "mm/VirtualMemoryManager.h"
#include "sched/Scheduler.h"
#include "sched/SelfTests.h"
#include "sched/Tick.h"
#include "shell/Shell.h"

extern "C" {
using InitFunction = void (*)();
extern InitFunction __init_array_start[], __init_array_end[];
[[noreturn]] void kmain();
// Called if a pure virtual function is ever reached (g++ ABI); it cannot happen by design.
void __cxa_pure_virtual() { lib::panic("pure virtual function called"); }
}

namespace {

using lib::kprintf;
using namespace boot;

constinit drivers::Serial16550 g_serial(drivers::Serial16550::kCom1);
drivers::AcpiInfo g_acpi;
bool g_hasAcpi = false;
bool g_ticking = false;

[[noreturn]] void stop(const char* why) {
    kprintf("JefeOS: %s; halting.\n", why);
    arch::haltForever();
}

void runConstructors() {
    for (InitFunction* f = __init_array_start; f != __init_array_end; f++) {
        (*f)();
    }
}

void checkBootloader() {
    if (!BootInfo::baseRevisionSupported()) {
        kprintf("JefeOS: the bootloader did not honour Limine base revision %lu (tag left at %lu)\n",
                BootInfo::kRequestedBaseRevision, BootInfo::baseRevisionTagValue());
        stop("unsupported boot protocol revision");
    }
    if (BootInfo::hhdm() == nullptr) {
        stop("no HHDM response from the bootloader");
    }
    if (BootInfo::memoryMap() == nullptr) {
        stop("no memory map response from the bootloader");
    }
    const auto* paging = BootInfo::pagingMode();
    if (paging != nullptr && paging->mode != limine::kPagingMode4Level) {
        stop("the bootloader did not enable 4-level paging");
    }
}

void setUpMemory() {
    auto pmm = mm::PhysicalMemoryManager::initialize(*BootInfo::memoryMap(), BootInfo::hhdm()->offset);
    if (pmm.isError()) {
        stop(pmm.error().what());
    }
    auto vmm = mm::VirtualMemoryManager::initialize(*BootInfo::memoryMap(), BootInfo::framebuffer());
    if (vmm.isError()) {
        stop(vmm.error().what());
    }
    mm::KernelHeap::initialize();
}

drivers::FbConsole* setUpFramebuffer() {
    const auto* response = BootInfo::framebuffer();
    if (response == nullptr || response->framebufferCount == 0) {
        kprintf("framebuffer: none (serial console only)\n");
        return nullptr;
    }
    const limine::Framebuffer& fb = *response->framebuffers[0];
    drivers::FramebufferMode mode{reinterpret_cast<uint64_t>(fb.address),
                                  static_cast<uint32_t>(fb.width),
                                  static_cast<uint32_t>(fb.height),
                                  static_cast<uint32_t>(fb.pitch),
                                  fb.bpp,
                                  fb.redMaskShift,
                                  fb.redMaskSize,
                                  fb.greenMaskShift,
                                  fb.greenMaskSize,
                                  fb.blueMaskShift,
                                  fb.blueMaskSize};
    auto framebuffer = drivers::Framebuffer::create(mode);
    if (framebuffer.isError()) {
        kprintf("%s (serial console only)\n", framebuffer.error().what());
        return nullptr;
    }
    return new drivers::FbConsole(framebuffer.value());
}

void setUpPower() {
    const auto* rsdp = BootInfo::rsdp();
    auto acpi = drivers::Acpi::create(rsdp != nullptr ? rsdp->address : 0);
    if (acpi.isError()) {
        kprintf("%s: poweroff unavailable\n", acpi.error().what());
        drivers::Power::initialize(nullptr);
        return;
    }
    g_acpi = acpi.value();
    g_hasAcpi = true;
    drivers::Power::initialize(&g_acpi);
}

void printBanner(const drivers::FbConsole* console) {
    kprintf("JefeOS %s\n", lib::version());
    mm::FrameStats frames = mm::PhysicalMemoryManager::stats();
    kprintf("memory: %lu MiB usable, %lu MiB free", frames.usableFrames / 256, frames.freeFrames / 256);
    if (console != nullptr) {
        auto& fb = const_cast<drivers::FbConsole*>(console)->framebuffer();
        kprintf("; framebuffer %ux%ux%u (%ux%u text)", fb.width(), fb.height(), fb.bpp(), console->columns(),
                console->rows());
    }
    kprintf("\n");
    if (g_acpi.fadtRevision != 0) {
        kprintf("acpi: %s, FADT rev %u, S5 %s\n", g_acpi.oemId, g_acpi.fadtRevision, g_acpi.hasS5 ? "yes" : "no");
    }
    if (g_ticking) {
        kprintf("timer: %s at %u Hz", sched::Tick::source(), sched::Scheduler::kTickHz);
        if (sched::Tick::fallbackReason() != nullptr) {
            kprintf(" (%s)", sched::Tick::fallbackReason());
        }
        kprintf("\n");
    } else {
        kprintf("timer: no interrupts arrive (polled console)\n");
    }
    kprintf("type 'help' for commands\n");
}

int pollSerial() { return g_serial.tryRead(); }


void setUpInterrupts() {
    sched::Scheduler::initialize();
    drivers::MadtInfo madt;
    if (g_hasAcpi && g_acpi.madt != nullptr) {
        madt = drivers::Madt::parse(g_acpi.madt, g_acpi.madtLength);
    }
    bool noApic = lib::CommandLine::hasFlag(BootInfo::commandLine(), "noapic");
    g_ticking = sched::Tick::start(madt, BootInfo::hhdm()->offset, noApic);
    if (g_ticking) {
        sched::Tick::setHook(drivers::SerialInput::poke);  // in case IRQ 4 is not wired
        drivers::SerialInput::start(g_serial, drivers::Serial16550::kCom1);
    } else {
        drivers::input::setPollSource(pollSerial);
    }
    sched::registerSelfTests();
}

void setUpPlatformDevices() {
    drivers::rtc::init();
    drivers::WallClock::start();
    drivers::pci::init();
    drivers::ps2::init();
    drivers::powerButtonInit(g_hasAcpi ? &g_acpi : nullptr);
    fs::mountBootVolume();
    // Power-off and reboot (shell or power button) first put every file change on the disk.
    drivers::Power::setBeforeShutdown([] {
        if (fs::Vfs::root() != nullptr && fs::Vfs::root()->sync().isError()) {
            kprintf("shutdown: the disk could not be synced\n");
        }
    });
}

void runShell(void*) { shell::Shell::run(); }

}  // namespace

void kmain() {
    drivers::TscClock::markBoot();
    g_serial.initialize();
    drivers::Console::attachSerial(&g_serial);
    runConstructors();
    checkBootloader();

    arch::Gdt::initialize();
    arch::Idt::initialize();
    setUpMemory();

    drivers::FbConsole* console = setUpFramebuffer();
    drivers::Console::attachFramebuffer(console);
    setUpPower();
    setUpInterrupts();
    setUpPlatformDevices();
    drivers::BootTimer::milestone(drivers::BootTimer::kDriversUp);

    printBanner(console);
    drivers::BootTimer::milestone(drivers::BootTimer::kShellReady);
    if (!g_ticking) {
        shell::Shell::run();
    }
    sched::Scheduler::spawn("shell", runShell, nullptr);
    for (;;) {
        asm volatile("sti; hlt");  // the idle thread: wait for the next interrupt
    }
}
