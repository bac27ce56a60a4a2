// fs/ntfs/NtfsVolume: one mounted NTFS volume below the file level: the validated boot
// sector geometry, MFT records read and written with fixups (records 0-3 mirrored to
// $MFTMirr), attribute streams (resident values or runlists, gathered across
// $ATTRIBUTE_LIST extension records), stream resizing with resident <-> non-resident
// conversion (a runlist too long for its base record is split by VCN range over extension
// records, the list rewritten to match), and the two allocators: MFT records through $MFT's $BITMAP (extending $MFT
// when it is full) and clusters through $Bitmap. Every change is written through to the
// device before the call returns; nothing is cached except the two bitmaps and $UpCase,
// which are kept equal to their on-disk copies.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/ntfs/NtfsOnDisk.h"
#include "storage/BlockDevice.h"

namespace fs::ntfs {

// The data of one attribute: a resident value, or runs on the volume.
struct Stream {
    bool resident = true;
    Buffer value;
    Vec<Run> runs;
    uint64_t dataSize = 0;
    uint64_t allocatedSize = 0;
    uint64_t initializedSize = 0;
    uint16_t flags = 0;
};

// One $ATTRIBUTE_LIST entry (NTFS docs "$ATTRIBUTE_LIST").
struct ListEntry {
    uint32_t type;
    uint8_t nameLength;
    uint8_t name[2 * 255];
    uint64_t vcn;
    uint64_t reference;  // the record holding this piece, with its sequence number
    uint16_t id;
};

// Names of the well-known streams.
extern const uint8_t kNameI30[8];  // "$I30" in UTF-16LE
constexpr uint8_t kNameI30Length = 4;

constexpr uint64_t kRecordMft = 0;
constexpr uint64_t kRecordVolume = 3;
constexpr uint64_t kRecordRoot = 5;
constexpr uint64_t kRecordBitmap = 6;
constexpr uint64_t kRecordUpCase = 10;
constexpr uint64_t kFirstUserRecord = 24;

class Volume {
public:
    // Validates the boot sector, $MFT, $Volume, $UpCase, $Bitmap and the root directory.
    lib::ErrorOr<bool> open(storage::BlockDevice& device);

    uint32_t clusterSize() const { return m_clusterSize; }
    uint32_t recordSize() const { return m_recordSize; }
    uint64_t totalClusters() const { return m_totalClusters; }
    uint64_t freeClusters() const { return m_freeClusters; }
    const uint8_t* upcase() const { return m_upcase.data(); }
    const char* label() const { return m_label; }
    storage::BlockDevice& device() { return *m_device; }

    // A record with its fixups removed and header checked (in use or not).
    lib::ErrorOr<bool> readRecord(uint64_t number, Buffer& out);
    // Writes a record (fixups applied to a copy; the new sequence number is kept in `record`).
    lib::ErrorOr<bool> writeRecord(uint64_t number, uint8_t* record);

    // Opens attribute (type, name) of the file whose base record is `base`; false if absent.
    lib::ErrorOr<bool> openStream(const uint8_t* base, uint64_t number, uint32_t type, const uint8_t* name,
                                  uint8_t nameLength, Stream& out);
    // Reads [offset, offset + length) of a stream (zeros past the initialized size).
    lib::ErrorOr<bool> readStream(const Stream& stream, uint64_t offset, void* buffer, size_t length);
    // Byte I/O through runs (no sparse runs on the way for writes).
    lib::ErrorOr<bool> readRuns(const Vec<Run>& runs, uint64_t offset, void* buffer, size_t length);
    lib::ErrorOr<bool> writeRuns(const Vec<Run>& runs, uint64_t offset, const void* buffer, size_t length);

    // Sets the size of attribute (type, name) of the file whose base record is `record`
    // (in it or, through $ATTRIBUTE_LIST, in extension records), converting resident <->
    // non-resident and allocating or freeing clusters; grown bytes read as zeros. A runlist
    // that outgrows the base record moves to extension records, split by VCN range.
    // `forceNonResident` keeps index allocations off the record. Writes every record changed.
    lib::ErrorOr<bool> setStreamSize(uint8_t* record, uint64_t number, uint32_t type, const uint8_t* name,
                                     uint8_t nameLength, uint64_t size, bool forceNonResident);
    // Writes bytes into an attribute of the file, growing it first; writes the records.
    lib::ErrorOr<bool> writeStream(uint8_t* record, uint64_t number, uint32_t type, const uint8_t* name,
                                   uint8_t nameLength, uint64_t offset, const void* data, size_t length);
    // Re-lists the base record's own attributes in its $ATTRIBUTE_LIST after attributes were
    // added to or removed from it (entries for extension records are kept); nothing to do
    // without a list. In memory: the caller writes the record.
    lib::ErrorOr<bool> refreshAttributeList(uint8_t* base, uint64_t number);
    // Adds an empty non-resident attribute to a record (in memory).
    lib::ErrorOr<bool> addEmptyNonResident(uint8_t* record, uint32_t type, const uint8_t* name, uint8_t nameLength);

    // Allocates an MFT record and formats it (in use, empty) into `out`, not yet written.
    lib::ErrorOr<uint64_t> allocateRecord(bool directory, Buffer& out);
    // Frees a record: clears in-use, bumps its sequence number, clears its bitmap bit.
    lib::ErrorOr<bool> freeRecord(uint64_t number);
    // Frees the clusters of every non-resident attribute in the record.
    lib::ErrorOr<bool> freeRecordClusters(const uint8_t* record, uint64_t number);
    lib::ErrorOr<bool> allocateClusters(uint64_t count, Vec<Run>& runs);
    lib::ErrorOr<bool> freeRuns(const Vec<Run>& runs, size_t first);

    // The "dirty" bit of $VOLUME_INFORMATION (set before the first change, cleared by sync).
    lib::ErrorOr<bool> setDirty(bool dirty);

private:
    lib::ErrorOr<bool> readBytes(uint64_t offset, void* buffer, size_t length);
    lib::ErrorOr<bool> writeBytes(uint64_t offset, const void* buffer, size_t length);
    lib::ErrorOr<bool> markClusters(uint64_t lcn, uint64_t count, bool used);
    lib::ErrorOr<bool> writeBitmapBytes(Stream& stream, Buffer& bits, uint64_t record, uint64_t first, uint64_t last);
    lib::ErrorOr<bool> setMftBit(uint64_t number, bool used);
    lib::ErrorOr<bool> extendMft();
    lib::ErrorOr<bool> addNonResident(uint8_t* record, uint64_t number, uint32_t type, const uint8_t* name,
                                      uint8_t nameLength, const Vec<Run>& runs, uint64_t allocated, uint64_t dataSize,
                                      uint64_t initialized);
    lib::ErrorOr<bool> rewriteNonResident(uint8_t* record, uint32_t offset, const Vec<Run>& runs, uint64_t allocated,
                                          uint64_t dataSize, uint64_t initialized);
    lib::ErrorOr<bool> readAttributeList(const uint8_t* base, uint64_t number, Vec<ListEntry>& out);
    lib::ErrorOr<bool> writeAttributeList(uint8_t* base, uint64_t number, Vec<ListEntry>& entries);
    // Stores a non-resident attribute's runs and sizes: in the base record when they fit,
    // else split by VCN range over extension records listed in $ATTRIBUTE_LIST. Writes
    // every record it changes, the base record included.
    lib::ErrorOr<bool> storeNonResident(uint8_t* base, uint64_t number, uint32_t type, const uint8_t* name,
                                        uint8_t nameLength, const Vec<Run>& runs, uint64_t allocated,
                                        uint64_t dataSize, uint64_t initialized);
    lib::ErrorOr<bool> storeInExtensions(uint8_t* base, uint64_t number, uint32_t type, const uint8_t* name,
                                         uint8_t nameLength, const Vec<Run>& runs, uint64_t allocated,
                                         uint64_t dataSize, uint64_t initialized);
    // Sets the initialized size in the piece at VCN 0 (base or extension record).
    lib::ErrorOr<bool> setInitializedSize(uint8_t* base, uint64_t number, uint32_t type, const uint8_t* name,
                                          uint8_t nameLength, uint64_t initialized);
    void formatRecord(uint8_t* record, uint64_t number, uint16_t sequence, uint16_t flags);

    storage::BlockDevice* m_device = nullptr;
    uint64_t m_volumeBytes = 0;
    uint32_t m_clusterSize = 0;
    uint32_t m_recordSize = 0;
    uint64_t m_totalClusters = 0;
    uint64_t m_mftLcn = 0;
    uint64_t m_mirrorLcn = 0;
    uint32_t m_mirrorRecords = 0;
    uint64_t m_mftRecords = 0;
    Vec<Run> m_mftRuns;
    Stream m_mftBitmapStream;
    Buffer m_mftBitmap;
    Stream m_bitmapStream;
    Buffer m_bitmap;
    uint64_t m_freeClusters = 0;
    uint64_t m_allocationCursor = 0;
    Buffer m_upcase;
    char m_label[64] = {};
};

}  // namespace fs::ntfs
