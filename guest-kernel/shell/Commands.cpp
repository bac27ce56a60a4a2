// shell/Commands: see Commands.h.
#include "shell/Commands.h"

#include "arch/CpuInfo.h"
#include "arch/Irq.h"
#include "boot/BootInfo.h"
#include "drivers/Console.h"
#include "drivers/Power.h"
#include "drivers/TscClock.h"
#include "lib/DateTime.h"
#include "lib/Kprintf.h"
#include "lib/SelfTest.h"
#include "lib/String.h"
#include "lib/Version.h"
#include "mm/KernelHeap.h"
#include "mm/PhysicalMemoryManager.h"
#include "sched/Scheduler.h"
#include "sched/Tick.h"
#include "shell/BenchCommands.h"
#include "shell/DeviceCommands.h"
#include "shell/FileCommands.h"
#include "shell/GuiCommands.h"

namespace shell {

namespace {

using lib::kprintf;

// The `panic` command writes here: canonical, in the lower half, never mapped by JefeOS.
constexpr uint64_t kUnmappedAddress = 0xdeadbeef;
constexpr int kFeatureLineWidth = 72;

void help(const char*);

void echo(const char* args) { kprintf("%s\n", args); }

void clear(const char*) { drivers::Console::clear(); }

void mem(const char*) {
    mm::FrameStats f = mm::PhysicalMemoryManager::stats();
    mm::HeapStats h = mm::KernelHeap::stats();
    kprintf("frames (4 KiB): total %lu, usable %lu, free %lu\n", f.totalFrames, f.usableFrames, f.freeFrames);
    kprintf("memory: %lu MiB total, %lu MiB usable, %lu MiB free\n", f.totalFrames / 256,
            f.usableFrames / 256, f.freeFrames / 256);
    kprintf("heap: %zu bytes total, %zu used, %zu free in %zu chunk(s), %zu live allocation(s)\n",
            h.totalBytes, h.usedBytes, h.freeBytes, h.freeChunks, h.liveAllocations);
}

void cpuinfo(const char*) {
    arch::CpuInfo info = arch::CpuInfo::read();
    const char* brand = info.brand;
    while (*brand == ' ') {
        brand++;
    }
    kprintf("vendor:     %s\n", info.vendor);
    kprintf("brand:      %s\n", brand);
    kprintf("family %u model %u stepping %u\n", info.family, info.model, info.stepping);
    kprintf("features:  ");
    int column = 11;
    info.forEachFeature([&column](const char* name) {
        int length = static_cast<int>(strlen(name)) + 1;
        if (column + length > kFeatureLineWidth) {
            kprintf("\n           ");
            column = 11;
        }
        kprintf(" %s", name);
        column += length;
    });
    kprintf("\n");
    if (info.hypervisorPresent) {
        kprintf("hypervisor: %s (max leaf 0x%x)", info.hypervisorSignature, info.maxHypervisorLeaf);
        uint64_t khz = drivers::TscClock::frequencyKhz();
        if (khz != 0) {
            kprintf(", TSC %lu kHz", khz);
        }
        kprintf("\n");
    } else {
        kprintf("hypervisor: none\n");
    }
}

void uptime(const char*) {
    uint64_t ms;
    if (sched::Scheduler::ticks() != 0) {
        // The scheduler tick (10 ms) is the clock; 3 decimals keep the established format.
        ms = sched::Scheduler::millisecondsSinceBoot();
    } else if (!drivers::TscClock::millisecondsSinceBoot(&ms)) {
        kprintf("uptime: TSC frequency unknown (%lu TSC ticks since boot)\n", drivers::TscClock::ticksSinceBoot());
        return;
    }
    kprintf("uptime: %lu.%03lu s\n", ms / 1000, ms % 1000);
}

bool parseUnsigned(const char* text, uint64_t* value) {
    if (*text == '\0') {
        return false;
    }
    uint64_t v = 0;
    for (; *text != '\0'; text++) {
        if (*text < '0' || *text > '9' || v > 1000000) {
            return false;
        }
        v = v * 10 + static_cast<uint64_t>(*text - '0');
    }
    *value = v;
    return true;
}

void sleep(const char* args) {
    uint64_t seconds;
    if (!parseUnsigned(args, &seconds)) {
        kprintf("usage: sleep SECONDS\n");
        return;
    }
    if (sched::Scheduler::ticks() == 0) {
        kprintf("sleep: no timer tick\n");
        return;
    }
    sched::Scheduler::sleepMs(seconds * 1000);
}

void irqstat(const char*) {
    kprintf("timer: %s, %u Hz", sched::Tick::source(), sched::Scheduler::kTickHz);
    if (sched::Tick::lapicCountPerTick() != 0) {
        kprintf(", LAPIC count %u per tick (divide 16)", sched::Tick::lapicCountPerTick());
    }
    kprintf("\nvector  source          count\n");
    arch::Irq::forEachSource([](uint8_t vector, const char* name, uint64_t count) {
        kprintf("0x%02x    %-14s  %lu\n", vector, name != nullptr ? name : "(none)", count);
    });
}

void ps(const char*) {
    kprintf("  id  name          state     ticks\n");
    sched::Scheduler::forEach([](const sched::Thread& t) {
        kprintf("%4d  %-12s  %-8s  %lu\n", t.id, t.name, sched::Scheduler::stateName(t.state), t.ticksRun);
    });
}

void selftestCommand(const char*) { selftest::runAll(); }

void version(const char*) {
    kprintf("JefeOS %s (g++ %s)\n", lib::version(), __VERSION__);
    const auto* loader = boot::BootInfo::bootloaderInfo();
    if (loader != nullptr) {
        kprintf("booted by %s %s, Limine base revision %lu\n", loader->name, loader->version,
                boot::BootInfo::kRequestedBaseRevision);
    }
    const auto* date = boot::BootInfo::dateAtBoot();
    if (date != nullptr) {
        lib::DateTime t = lib::DateTime::fromUnixSeconds(date->timestamp);
        kprintf("booted at %04ld-%02d-%02d %02d:%02d:%02d UTC\n", t.year, t.month, t.day, t.hour, t.minute,
                t.second);
    }
}

// FNV-1a, 32-bit: a checksum the host can recompute to show a module arrived intact.
uint32_t fnv1a(const uint8_t* data, uint64_t size) {
    uint32_t hash = 2166136261u;
    for (uint64_t i = 0; i < size; i++) {
        hash = (hash ^ data[i]) * 16777619u;
    }
    return hash;
}

void modules(const char*) {
    const auto* response = boot::BootInfo::modules();
    if (response == nullptr || response->moduleCount == 0) {
        kprintf("no modules\n");
        return;
    }
    for (uint64_t i = 0; i < response->moduleCount; i++) {
        const boot::limine::File* f = response->modules[i];
        kprintf("%s  %lu bytes  fnv1a %08x  cmdline '%s'\n", f->path, f->size,
                fnv1a(static_cast<const uint8_t*>(f->address), f->size), f->string);
    }
}

void panic(const char*) {
    kprintf("panic: writing to unmapped address 0x%lx\n", kUnmappedAddress);
    *reinterpret_cast<volatile uint64_t*>(kUnmappedAddress) = 0;
    kprintf("panic: the write did not fault\n");
}

void reboot(const char*) {
    kprintf("rebooting...\n");
    drivers::Power::reboot();
}

void poweroff(const char*) {
    kprintf("powering off...\n");
    const char* why = drivers::Power::powerOff();
    kprintf("poweroff: %s\n", why);
}

}  // namespace

const Command kCommands[] = {
    {"help", "list the commands", help},
    {"echo", "print the arguments", echo},
    {"clear", "clear the screen", clear},
    {"mem", "physical frames and heap usage", mem},
    {"cpuinfo", "CPU vendor, model and features (CPUID)", cpuinfo},
    {"uptime", "time since boot (scheduler tick)", uptime},
    {"sleep", "sleep N seconds", sleep},
    {"irqstat", "interrupt counts per source", irqstat},
    {"ps", "kernel threads", ps},
    {"selftest", "run the in-guest checks (PASS/FAIL)", selftestCommand},
    {"date", "date and time from the RTC", dateCommand},
    {"lspci", "PCI functions (bus:dev.fn vendor:device class)", lspciCommand},
    {"mouse", "PS/2 mouse position and buttons", mouseCommand},
    {"gui", "desktop demo (returns by itself, or Esc)", guiCommand},
    {"guii", "interactive desktop: PS/2 mouse and keyboard, Esc quits", guiiCommand},
    {"ls", "list a directory (name, size, <DIR>)", lsCommand},
    {"cd", "change the current directory", cdCommand},
    {"pwd", "print the current directory", pwdCommand},
    {"cat", "print files", catCommand},
    {"touch", "create files or update their time", touchCommand},
    {"mkdir", "create directories", mkdirCommand},
    {"rm", "remove files", rmCommand},
    {"rmdir", "remove empty directories", rmdirCommand},
    {"cp", "copy a file", cpCommand},
    {"mv", "move or rename a file or directory", mvCommand},
    {"stat", "size, type and times of a path", statCommand},
    {"df", "size and free space of the volume", dfCommand},
    {"sync", "flush everything written to the disk", syncCommand},
    {"edit", "edit a file (vi keys: i a o x dd, :w :q :wq :q!)", editCommand},
    {"iobench", "disk throughput: iobench [-s MiB] FILE, or -raw DISK", iobenchCommand},
    {"version", "JefeOS version", version},
    {"modules", "files the loader handed over (--module)", modules},
    {"panic", "fault on purpose (page fault dump)", panic},
    {"reboot", "restart the machine", reboot},
    {"poweroff", "switch the machine off (ACPI S5)", poweroff},
};
const int kCommandCount = sizeof(kCommands) / sizeof(kCommands[0]);

namespace {

void help(const char*) {
    kprintf("commands:\n");
    for (int i = 0; i < kCommandCount; i++) {
        kprintf("  %-10s %s\n", kCommands[i].name, kCommands[i].summary);
    }
}

}  // namespace

}  // namespace shell
