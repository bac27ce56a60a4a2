// drivers/Ata: see Ata.h.
#include "drivers/Ata.h"

#include "arch/Io.h"
#include "arch/Irq.h"
#include "boot/BootInfo.h"
#include "drivers/Pci.h"
#include "lib/Format.h"
#include "lib/CommandLine.h"
#include "lib/Kprintf.h"
#include "lib/String.h"
#include "mm/PhysicalMemoryManager.h"
#include "sched/Scheduler.h"

namespace drivers::ata {

namespace {

using lib::kprintf;

// ATA/ATAPI-8 ACS task-file registers (offsets from the command block base).
constexpr uint16_t kData = 0, kError = 1, kSectorCount = 2, kLbaLow = 3, kLbaMid = 4, kLbaHigh = 5,
                   kDevice = 6, kStatusCommand = 7;
// Status bits.
constexpr uint8_t kBsy = 0x80, kDf = 0x20, kDrq = 0x08, kErr = 0x01;
// Device control register bits.
constexpr uint8_t kSrst = 0x04;
// Commands (ACS-2 section 7).
constexpr uint8_t kIdentify = 0xEC, kReadSectors = 0x20, kReadSectorsExt = 0x24, kWriteSectors = 0x30,
                  kWriteSectorsExt = 0x34, kReadDma = 0xC8, kReadDmaExt = 0x25, kWriteDma = 0xCA,
                  kWriteDmaExt = 0x35, kFlushCache = 0xE7, kFlushCacheExt = 0xEA;
// SFF-8038i bus-master registers (offsets within a channel's 8 bytes of BAR4).
constexpr uint16_t kBmCommand = 0, kBmStatus = 2, kBmPrdt = 4;
constexpr uint8_t kBmStart = 0x01, kBmToMemory = 0x08;
constexpr uint8_t kBmActive = 0x01, kBmError = 0x02, kBmInterrupt = 0x04, kBmCapable = 0x60;
constexpr uint32_t kPrdEnd = 0x80000000u;
// PCI 3.0 6.2.2: Command register bits; BAR4 of an IDE function is the bus-master block.
constexpr uint8_t kPciCommand = 0x04, kPciBar4 = 0x20;
constexpr uint16_t kCommandIo = 0x0001, kCommandBusMaster = 0x0004;

constexpr uint32_t kDmaFrames = 16;                        // 64 KiB bounce buffer
constexpr uint32_t kDmaSectors = kDmaFrames * 4096 / 512;  // per command
constexpr uint32_t kPioSectors = 128;
constexpr uint64_t kMaxSpins = 200'000'000;                // polling bound without a tick

struct Channel {
    constexpr Channel(uint16_t commandBlock, uint16_t controlBlock) : base(commandBlock), control(controlBlock) {}

    uint16_t base;
    uint16_t control;
    uint16_t busMaster = 0;  // 0: no bus-master registers
    int selected = -1;
    volatile bool done = false;
    volatile bool timedOut = false;
    volatile uint8_t status = 0;
    volatile uint8_t bmStatus = 0;
    volatile uint64_t deadline = 0;  // scheduler tick; 0 = no request outstanding
    sched::WaitQueue waiters;
};

class Disk final : public storage::BlockDevice {
public:
    Channel* channel = nullptr;
    int slave = 0;
    bool lba48 = false;
    bool dma = false;
    uint64_t sectors = 0;
    char model[41] = {};
    char diskName[8] = {};

    uint64_t sectorCount() const override { return sectors; }
    const char* name() const override { return diskName; }
    lib::ErrorOr<bool> read(uint64_t lba, uint32_t count, void* buffer) override;
    lib::ErrorOr<bool> write(uint64_t lba, uint32_t count, const void* buffer) override;
    lib::ErrorOr<bool> flush() override;

private:
    lib::ErrorOr<bool> transfer(bool write, uint64_t lba, uint32_t count, uint8_t* buffer);
    lib::ErrorOr<bool> once(bool write, uint64_t lba, uint32_t count, uint8_t* buffer);
    lib::ErrorOr<bool> dmaTransfer(bool write, uint64_t lba, uint32_t count, uint8_t* buffer);
    lib::ErrorOr<bool> pioTransfer(bool write, uint64_t lba, uint32_t count, uint8_t* buffer);
    lib::ErrorOr<bool> nonData(uint8_t command);
    lib::Error fail(const char* what, uint64_t lba);
};

Channel g_channels[2] = {Channel(0x1F0, 0x3F6), Channel(0x170, 0x376)};
Disk* g_disks[kMaxDisks];  // heap objects: a global with a destructor would need atexit
int g_diskCount = 0;
uint64_t g_dmaPhysical = 0;   // the bounce buffer
uint64_t g_prdtPhysical = 0;  // the PRD table (one frame)
sched::WaitQueue g_watchdogIdle;
bool g_watchdog = false;

uint8_t altStatus(Channel& ch) { return arch::inb(ch.control); }

// ATA/ATAPI-8 section 7.2 (ACS): 400 ns before status is valid after a command or select.
void settle(Channel& ch) {
    for (int i = 0; i < 4; i++) {
        (void)altStatus(ch);
    }
}

uint64_t deadlineTicks() {
    return sched::Scheduler::ticks() + kTimeoutMs * sched::Scheduler::kTickHz / 1000 + 1;
}

bool expired(uint64_t startTick, uint64_t spins) {
    uint64_t now = sched::Scheduler::ticks();
    return (now != 0 && now - startTick > kTimeoutMs * sched::Scheduler::kTickHz / 1000) || spins > kMaxSpins;
}

// Polls until BSY clears; false on timeout.
bool waitNotBusy(Channel& ch) {
    uint64_t start = sched::Scheduler::ticks();
    for (uint64_t spins = 0;; spins++) {
        if ((altStatus(ch) & kBsy) == 0) {
            return true;
        }
        if (expired(start, spins)) {
            return false;
        }
    }
}

// Polls for DRQ (data ready) or an error; the status register value, or 0xFF on timeout.
uint8_t waitDataRequest(Channel& ch, bool* timedOut) {
    uint64_t start = sched::Scheduler::ticks();
    for (uint64_t spins = 0;; spins++) {
        uint8_t status = altStatus(ch);
        if ((status & kBsy) == 0 && (status & (kDrq | kErr | kDf)) != 0) {
            *timedOut = false;
            return status;
        }
        if (expired(start, spins)) {
            *timedOut = true;
            return status;
        }
    }
}

bool select(Channel& ch, int slave) {
    if (ch.selected != slave) {
        arch::outb(ch.base + kDevice, static_cast<uint8_t>(0xA0 | slave << 4));
        settle(ch);
        ch.selected = slave;
    }
    return waitNotBusy(ch);
}

void softwareReset(Channel& ch) {
    arch::outb(ch.control, kSrst);
    settle(ch);
    arch::outb(ch.control, 0);  // nIEN clear: the device interrupts
    settle(ch);
    (void)waitNotBusy(ch);
    ch.selected = -1;
}

void onInterrupt(Channel& ch) {
    uint8_t bm = ch.busMaster != 0 ? arch::inb(ch.busMaster + kBmStatus) : 0;
    ch.status = arch::inb(ch.base + kStatusCommand);  // reading Status acknowledges INTRQ
    if (ch.busMaster != 0) {
        ch.bmStatus = bm;
        arch::outb(ch.busMaster + kBmStatus, static_cast<uint8_t>((bm & kBmCapable) | kBmInterrupt));
    }
    ch.done = true;
    ch.waiters.wakeAll();
}

void onPrimary(arch::InterruptFrame&) { onInterrupt(g_channels[0]); }
void onSecondary(arch::InterruptFrame&) { onInterrupt(g_channels[1]); }

// Wakes a request whose interrupt never came (kTimeoutMs after it started).
void watchdog(void*) {
    for (;;) {
        uint64_t flags = arch::Irq::save();
        while (g_channels[0].deadline == 0 && g_channels[1].deadline == 0) {
            g_watchdogIdle.wait();
        }
        arch::Irq::restore(flags);
        sched::Scheduler::sleepMs(250);
        flags = arch::Irq::save();
        for (Channel& ch : g_channels) {
            if (ch.deadline != 0 && sched::Scheduler::ticks() >= ch.deadline && !ch.done) {
                ch.timedOut = true;
                ch.waiters.wakeAll();
            }
        }
        arch::Irq::restore(flags);
    }
}

// True when the caller may sleep: a thread other than idle, with a tick and the watchdog.
bool canSleep() {
    return g_watchdog && sched::Scheduler::ticks() != 0 && sched::Scheduler::current()->id != 0;
}

void beginRequest(Channel& ch) {
    ch.done = false;
    ch.timedOut = false;
}

// Waits for the interrupt that ends a command. `dma`: in polled mode, the bus-master
// interrupt bit shows completion; otherwise BSY clearing does. False on timeout.
bool waitCompletion(Channel& ch, bool dma) {
    if (canSleep()) {
        uint64_t flags = arch::Irq::save();
        ch.deadline = deadlineTicks();
        g_watchdogIdle.wakeAll();
        while (!ch.done && !ch.timedOut) {
            ch.waiters.wait();
        }
        ch.deadline = 0;
        arch::Irq::restore(flags);
        return ch.done;
    }
    settle(ch);
    uint64_t start = sched::Scheduler::ticks();
    for (uint64_t spins = 0;; spins++) {
        uint64_t flags = arch::Irq::save();
        bool finished = ch.done;
        if (!finished) {
            uint8_t bm = ch.busMaster != 0 ? arch::inb(ch.busMaster + kBmStatus) : 0;
            bool ready = dma ? (bm & kBmInterrupt) != 0 : (altStatus(ch) & kBsy) == 0;
            if (ready) {
                onInterrupt(ch);
                finished = true;
            }
        }
        arch::Irq::restore(flags);
        if (finished) {
            return true;
        }
        if (expired(start, spins)) {
            return false;
        }
    }
}

void taskFile(Channel& ch, int slave, bool lba48, uint64_t lba, uint32_t count, uint8_t command) {
    if (lba48) {
        arch::outb(ch.base + kDevice, static_cast<uint8_t>(0x40 | slave << 4));
        arch::outb(ch.base + kSectorCount, static_cast<uint8_t>(count >> 8));
        arch::outb(ch.base + kLbaLow, static_cast<uint8_t>(lba >> 24));
        arch::outb(ch.base + kLbaMid, static_cast<uint8_t>(lba >> 32));
        arch::outb(ch.base + kLbaHigh, static_cast<uint8_t>(lba >> 40));
    } else {
        arch::outb(ch.base + kDevice, static_cast<uint8_t>(0xE0 | slave << 4 | ((lba >> 24) & 0x0F)));
    }
    arch::outb(ch.base + kSectorCount, static_cast<uint8_t>(count));
    arch::outb(ch.base + kLbaLow, static_cast<uint8_t>(lba));
    arch::outb(ch.base + kLbaMid, static_cast<uint8_t>(lba >> 8));
    arch::outb(ch.base + kLbaHigh, static_cast<uint8_t>(lba >> 16));
    ch.selected = slave;
    arch::outb(ch.base + kStatusCommand, command);
}

lib::Error Disk::fail(const char* what, uint64_t lba) {
    uint8_t status = altStatus(*channel);
    uint8_t error = arch::inb(channel->base + kError);
    kprintf("%s: %s at lba %lu failed: status 0x%02x error 0x%02x\n", diskName, what, lba, status, error);
    return lib::Error::from(lib::ErrorCode::IoError, "ata: I/O error");
}

lib::ErrorOr<bool> Disk::dmaTransfer(bool write, uint64_t lba, uint32_t count, uint8_t* buffer) {
    Channel& ch = *channel;
    size_t bytes = static_cast<size_t>(count) * kSectorSize;
    uint8_t* bounce = mm::PhysicalMemoryManager::toVirtual<uint8_t>(g_dmaPhysical);
    if (write) {
        memcpy(bounce, buffer, bytes);
    }
    // SFF-8038i: each PRD entry is a 32-bit address and a byte count that must not cross a
    // 64 KiB boundary; the last entry has bit 31 set.
    auto* prd = mm::PhysicalMemoryManager::toVirtual<uint32_t>(g_prdtPhysical);
    uint64_t address = g_dmaPhysical;
    size_t left = bytes;
    int entries = 0;
    while (left > 0) {
        uint64_t boundary = (address | 0xFFFF) + 1;
        size_t piece = boundary - address < left ? static_cast<size_t>(boundary - address) : left;
        prd[entries * 2] = static_cast<uint32_t>(address);
        prd[entries * 2 + 1] = static_cast<uint32_t>(piece & 0xFFFF);  // 0 means 64 KiB
        entries++;
        address += piece;
        left -= piece;
    }
    prd[entries * 2 - 1] |= kPrdEnd;

    if (!select(ch, slave)) {
        return lib::Error::from(lib::ErrorCode::IoError, "ata: timeout");
    }
    uint8_t direction = write ? 0 : kBmToMemory;
    arch::outb(ch.busMaster + kBmCommand, 0);
    arch::outl(ch.busMaster + kBmPrdt, static_cast<uint32_t>(g_prdtPhysical));
    uint8_t bm = arch::inb(ch.busMaster + kBmStatus);
    arch::outb(ch.busMaster + kBmStatus, static_cast<uint8_t>((bm & kBmCapable) | kBmInterrupt | kBmError));
    arch::outb(ch.busMaster + kBmCommand, direction);
    beginRequest(ch);
    uint8_t command = write ? (lba48 ? kWriteDmaExt : kWriteDma) : (lba48 ? kReadDmaExt : kReadDma);
    taskFile(ch, slave, lba48, lba, count, command);
    arch::outb(ch.busMaster + kBmCommand, static_cast<uint8_t>(direction | kBmStart));
    bool completed = waitCompletion(ch, true);
    arch::outb(ch.busMaster + kBmCommand, direction);
    if (!completed) {
        return lib::Error::from(lib::ErrorCode::IoError, "ata: timeout");
    }
    if ((ch.bmStatus & kBmError) != 0 || (ch.status & (kErr | kDf)) != 0 || (ch.bmStatus & kBmActive) != 0) {
        kprintf("%s: %s DMA at lba %lu failed: status 0x%02x error 0x%02x bus master 0x%02x\n", diskName,
                write ? "WRITE" : "READ", lba, ch.status, arch::inb(ch.base + kError), ch.bmStatus);
        return lib::Error::from(lib::ErrorCode::Unsupported, "ata: DMA failed");
    }
    if (!write) {
        memcpy(buffer, bounce, bytes);
    }
    return true;
}

lib::ErrorOr<bool> Disk::pioTransfer(bool write, uint64_t lba, uint32_t count, uint8_t* buffer) {
    Channel& ch = *channel;
    if (!select(ch, slave)) {
        return lib::Error::from(lib::ErrorCode::IoError, "ata: timeout");
    }
    beginRequest(ch);
    uint8_t command = write ? (lba48 ? kWriteSectorsExt : kWriteSectors) : (lba48 ? kReadSectorsExt : kReadSectors);
    taskFile(ch, slave, lba48, lba, count, command);
    settle(ch);
    for (uint32_t s = 0; s < count; s++) {
        bool timedOut;
        uint8_t status = waitDataRequest(ch, &timedOut);
        if (timedOut) {
            return lib::Error::from(lib::ErrorCode::IoError, "ata: timeout");
        }
        if ((status & (kErr | kDf)) != 0 || (status & kDrq) == 0) {
            return fail(write ? "WRITE SECTORS" : "READ SECTORS", lba + s);
        }
        auto* words = reinterpret_cast<uint16_t*>(buffer + static_cast<size_t>(s) * kSectorSize);
        for (uint32_t w = 0; w < kSectorSize / 2; w++) {
            if (write) {
                arch::outw(ch.base + kData, words[w]);
            } else {
                words[w] = arch::inw(ch.base + kData);
            }
        }
        settle(ch);
    }
    if (!waitNotBusy(ch)) {
        return lib::Error::from(lib::ErrorCode::IoError, "ata: timeout");
    }
    if ((altStatus(ch) & (kErr | kDf)) != 0) {
        return fail(write ? "WRITE SECTORS" : "READ SECTORS", lba);
    }
    return true;
}

lib::ErrorOr<bool> Disk::once(bool write, uint64_t lba, uint32_t count, uint8_t* buffer) {
    if (dma) {
        auto result = dmaTransfer(write, lba, count, buffer);
        if (!result.isError() || result.error().code() != lib::ErrorCode::Unsupported) {
            return result;
        }
        kprintf("%s: DMA failed, using PIO from now on\n", diskName);
        dma = false;
        softwareReset(*channel);
    }
    return pioTransfer(write, lba, count, buffer);
}

lib::ErrorOr<bool> Disk::transfer(bool write, uint64_t lba, uint32_t count, uint8_t* buffer) {
    if (lba > sectors || count > sectors - lba) {
        return lib::Error::from(lib::ErrorCode::IoError, "ata: sector beyond the end of the disk");
    }
    uint32_t most = dma ? kDmaSectors : kPioSectors;
    while (count > 0) {
        uint32_t n = count < most ? count : most;
        auto result = once(write, lba, n, buffer);
        if (result.isError() && strcmp(result.error().what(), "ata: timeout") == 0) {
            kprintf("%s: command timed out at lba %lu; resetting the channel and retrying\n", diskName, lba);
            softwareReset(*channel);
            TRY(once(write, lba, n, buffer));
        } else if (result.isError()) {
            return result;
        }
        lba += n;
        count -= n;
        buffer += static_cast<size_t>(n) * kSectorSize;
    }
    return true;
}

lib::ErrorOr<bool> Disk::read(uint64_t lba, uint32_t count, void* buffer) {
    return transfer(false, lba, count, static_cast<uint8_t*>(buffer));
}

lib::ErrorOr<bool> Disk::write(uint64_t lba, uint32_t count, const void* buffer) {
    // The buffer is only read on this path (PIO writes and the DMA bounce copy).
    return transfer(true, lba, count, static_cast<uint8_t*>(const_cast<void*>(buffer)));
}

lib::ErrorOr<bool> Disk::nonData(uint8_t command) {
    Channel& ch = *channel;
    if (!select(ch, slave)) {
        return lib::Error::from(lib::ErrorCode::IoError, "ata: timeout");
    }
    beginRequest(ch);
    arch::outb(ch.base + kDevice, static_cast<uint8_t>(0xA0 | slave << 4));
    arch::outb(ch.base + kStatusCommand, command);
    if (!waitCompletion(ch, false) || !waitNotBusy(ch)) {
        return lib::Error::from(lib::ErrorCode::IoError, "ata: timeout");
    }
    if ((altStatus(ch) & (kErr | kDf)) != 0) {
        return fail("FLUSH CACHE", 0);
    }
    return true;
}

lib::ErrorOr<bool> Disk::flush() {
    auto result = nonData(lba48 ? kFlushCacheExt : kFlushCache);
    if (result.isError() && strcmp(result.error().what(), "ata: timeout") == 0) {
        kprintf("%s: FLUSH CACHE timed out; resetting the channel and retrying\n", diskName);
        softwareReset(*channel);
        return nonData(lba48 ? kFlushCacheExt : kFlushCache);
    }
    return result;
}

// ACS-2 7.12.7: IDENTIFY DEVICE data. Strings hold two characters per word, high byte first.
void copyModel(const uint16_t* identify, char* out) {
    for (int i = 0; i < 20; i++) {
        out[2 * i] = static_cast<char>(identify[27 + i] >> 8);
        out[2 * i + 1] = static_cast<char>(identify[27 + i]);
    }
    int end = 40;
    while (end > 0 && (out[end - 1] == ' ' || out[end - 1] == '\0')) {
        end--;
    }
    out[end] = '\0';
}

bool identify(Channel& ch, int slave, uint16_t* data) {
    arch::outb(ch.base + kDevice, static_cast<uint8_t>(0xA0 | slave << 4));
    settle(ch);
    ch.selected = slave;
    if (altStatus(ch) == 0xFF) {
        return false;  // floating bus: nothing on the channel
    }
    arch::outb(ch.base + kSectorCount, 0);
    arch::outb(ch.base + kLbaLow, 0);
    arch::outb(ch.base + kLbaMid, 0);
    arch::outb(ch.base + kLbaHigh, 0);
    arch::outb(ch.base + kStatusCommand, kIdentify);
    settle(ch);
    if (altStatus(ch) == 0 || !waitNotBusy(ch)) {
        return false;
    }
    if (arch::inb(ch.base + kLbaMid) != 0 || arch::inb(ch.base + kLbaHigh) != 0) {
        return false;  // a packet (ATAPI) or SATA signature: not an ATA disk
    }
    bool timedOut;
    uint8_t status = waitDataRequest(ch, &timedOut);
    if (timedOut || (status & kErr) != 0 || (status & kDrq) == 0) {
        return false;
    }
    for (int i = 0; i < 256; i++) {
        data[i] = arch::inw(ch.base + kData);
    }
    (void)arch::inb(ch.base + kStatusCommand);
    return true;
}

uint32_t pciRead(const PciFunctionInfo& f, uint8_t offset) {
    arch::outl(0xCF8, pciConfigAddress(f.bus, f.device, f.function, offset));
    return arch::inl(0xCFC);
}

void pciWrite16(const PciFunctionInfo& f, uint8_t offset, uint16_t value) {
    uint32_t dword = pciRead(f, offset & 0xFC);
    int shift = (offset & 2) * 8;
    dword = (dword & ~(0xFFFFu << shift)) | static_cast<uint32_t>(value) << shift;
    arch::outl(0xCF8, pciConfigAddress(f.bus, f.device, f.function, offset & 0xFC));
    arch::outl(0xCFC, dword);
}

bool setUpDmaMemory() {
    auto buffer = mm::PhysicalMemoryManager::allocate(kDmaFrames);
    auto table = mm::PhysicalMemoryManager::allocate(1);
    if (buffer.isError() || table.isError()) {
        return false;
    }
    g_dmaPhysical = buffer.value();
    g_prdtPhysical = table.value();
    // PRD entries and the PRD table address are 32-bit (SFF-8038i).
    return g_dmaPhysical + kDmaFrames * 4096 <= 0x1'0000'0000ull && g_prdtPhysical < 0x1'0000'0000ull;
}

}  // namespace

void init() {
    const PciFunctionInfo* ide = nullptr;
    for (int i = 0; i < pci::functionCount(); i++) {
        if (pci::function(i).classCode == 0x0101) {
            ide = &pci::function(i);
            break;
        }
    }
    if (ide == nullptr) {
        return;
    }
    uint32_t bar4 = pciRead(*ide, kPciBar4);
    uint16_t command = static_cast<uint16_t>(pciRead(*ide, kPciCommand));
    // `ata.nodma` on the kernel command line keeps every disk on PIO (troubleshooting, tests).
    bool noDma = lib::CommandLine::hasFlag(boot::BootInfo::commandLine(), "ata.nodma");
    bool busMaster = !noDma && (bar4 & 1) != 0 && (bar4 & 0xFFFC) != 0 && setUpDmaMemory();
    pciWrite16(*ide, kPciCommand, static_cast<uint16_t>(command | kCommandIo | (busMaster ? kCommandBusMaster : 0)));
    if (busMaster) {
        g_channels[0].busMaster = static_cast<uint16_t>(bar4 & 0xFFFC);
        g_channels[1].busMaster = static_cast<uint16_t>((bar4 & 0xFFFC) + 8);
    }
    auto* data = new uint16_t[256];
    for (int c = 0; c < 2; c++) {
        Channel& ch = g_channels[c];
        arch::outb(ch.control, 0);  // nIEN clear: completion interrupts reach us
        for (int slave = 0; slave < 2 && g_diskCount < kMaxDisks; slave++) {
            if (!identify(ch, slave, data)) {
                continue;
            }
            g_disks[g_diskCount] = new Disk();
            Disk& d = *g_disks[g_diskCount];
            d.channel = &ch;
            d.slave = slave;
            d.lba48 = (data[83] & (1u << 10)) != 0;
            d.sectors = d.lba48 ? (static_cast<uint64_t>(data[100]) | static_cast<uint64_t>(data[101]) << 16 |
                                   static_cast<uint64_t>(data[102]) << 32 | static_cast<uint64_t>(data[103]) << 48)
                                : (static_cast<uint64_t>(data[60]) | static_cast<uint64_t>(data[61]) << 16);
            d.dma = ch.busMaster != 0 && (data[49] & (1u << 8)) != 0;  // word 49 bit 8: DMA supported
            copyModel(data, d.model);
            lib::formatToBuffer(d.diskName, sizeof(d.diskName), "ata%d", g_diskCount);
            kprintf("%s: %s, %lu MiB, %s\n", d.diskName, d.model, d.sectors / 2048, d.dma ? "DMA" : "PIO");
            g_diskCount++;
        }
    }
    delete[] data;
    if (g_diskCount > 0) {
        arch::Irq::installIsa(14, "ata primary", onPrimary);
        arch::Irq::installIsa(15, "ata secondary", onSecondary);
        // Without a timer tick threads never run; canSleep() then keeps every wait polled.
        sched::Scheduler::spawn("ata-watchdog", watchdog, nullptr);
        g_watchdog = true;
    }
}

int diskCount() { return g_diskCount; }

storage::BlockDevice& disk(int index) { return *g_disks[index]; }

const char* transferMode(int index) { return g_disks[index]->dma ? "DMA" : "PIO"; }

}  // namespace drivers::ata
