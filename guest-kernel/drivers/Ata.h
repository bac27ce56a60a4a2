// drivers/Ata: ATA hard disks on the PCI IDE controller (class 01 01, e.g. the PIIX3 IDE
// function 8086:7010), in compatibility mode: primary channel at ports 1F0h-1F7h/3F6h on ISA
// IRQ 14, secondary at 170h-177h/376h on IRQ 15 (ATA/ATAPI-8 ACS and the PIIX3 datasheet
// section 2.7). init() finds the function through drivers/Pci, enables its I/O and bus-master
// decoding, probes the four drive positions with IDENTIFY DEVICE (model, LBA48 capacity) and
// logs one line per disk ("ata0: JefeVM HARDDISK, 256 MiB, DMA"). Transfers use READ/WRITE DMA
// (EXT) through a PRD table in a physically contiguous bounce buffer when the function has a
// bus-master BAR4 (SFF-8038i) and the kernel command line has no `ata.nodma`, waiting for the channel's interrupt by sleeping the calling
// thread (a watchdog thread wakes it after kTimeoutMs); at boot, before there is a thread to
// sleep, they poll instead. Without BAR4, or after a DMA error, a disk falls back to PIO (READ/
// WRITE SECTORS (EXT), polled). ERR/DF become lib::ErrorCode::IoError with the status and
// error registers logged; a timeout resets the channel (SRST) and retries once. flush() is
// FLUSH CACHE (EXT). One request at a time: the shell is the only user.
#pragma once

#include "storage/BlockDevice.h"

namespace drivers::ata {

constexpr int kMaxDisks = 4;
constexpr uint64_t kTimeoutMs = 5000;

// Probes the controller and its disks (call once, after PCI, interrupts and the scheduler).
void init();
int diskCount();
storage::BlockDevice& disk(int index);
// "DMA" or "PIO" for the disk at `index`.
const char* transferMode(int index);

}  // namespace drivers::ata
