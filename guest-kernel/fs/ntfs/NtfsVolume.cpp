// fs/ntfs/NtfsVolume: records, streams and allocation of a mounted NTFS volume (see header).
#include "fs/ntfs/NtfsVolume.h"

namespace fs::ntfs {

const uint8_t kNameI30[8] = {'$', 0, 'I', 0, '3', 0, '0', 0};

namespace {

constexpr uint32_t kIoChunkSectors = 128;  // 64 KiB per device call
constexpr uint64_t kMaxBitmapBytes = 64ull << 20;
constexpr uint32_t kUpcaseBytes = 65536 * 2;
constexpr uint32_t kMftGrowRecords = 64;

unsigned long long ull(uint64_t v) { return static_cast<unsigned long long>(v); }

bool isPowerOfTwo(uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

lib::Error ioError(const char* what) { return lib::Error::from(lib::ErrorCode::IoError, what); }

}  // namespace

lib::ErrorOr<bool> Volume::readBytes(uint64_t offset, void* buffer, size_t length) {
    if (offset > m_volumeBytes || length > m_volumeBytes - offset) return corrupt("ntfs: read beyond the volume");
    uint8_t* out = static_cast<uint8_t*>(buffer);
    uint8_t bounce[512];
    while (length != 0) {
        uint64_t lba = offset / 512;
        size_t within = offset % 512;
        if (within != 0 || length < 512) {
            if (m_device->read(lba, 1, bounce).isError()) return ioError("ntfs: device read failed");
            size_t n = 512 - within < length ? 512 - within : length;
            memcpy(out, bounce + within, n);
            out += n;
            offset += n;
            length -= n;
            continue;
        }
        uint64_t sectors = length / 512;
        if (sectors > kIoChunkSectors) sectors = kIoChunkSectors;
        if (m_device->read(lba, static_cast<uint32_t>(sectors), out).isError()) {
            return ioError("ntfs: device read failed");
        }
        out += sectors * 512;
        offset += sectors * 512;
        length -= sectors * 512;
    }
    return true;
}

lib::ErrorOr<bool> Volume::writeBytes(uint64_t offset, const void* buffer, size_t length) {
    if (offset > m_volumeBytes || length > m_volumeBytes - offset) return corrupt("ntfs: write beyond the volume");
    const uint8_t* in = static_cast<const uint8_t*>(buffer);
    uint8_t bounce[512];
    while (length != 0) {
        uint64_t lba = offset / 512;
        size_t within = offset % 512;
        if (within != 0 || length < 512) {
            if (m_device->read(lba, 1, bounce).isError()) return ioError("ntfs: device read failed");
            size_t n = 512 - within < length ? 512 - within : length;
            memcpy(bounce + within, in, n);
            if (m_device->write(lba, 1, bounce).isError()) return ioError("ntfs: device write failed");
            in += n;
            offset += n;
            length -= n;
            continue;
        }
        uint64_t sectors = length / 512;
        if (sectors > kIoChunkSectors) sectors = kIoChunkSectors;
        if (m_device->write(lba, static_cast<uint32_t>(sectors), in).isError()) {
            return ioError("ntfs: device write failed");
        }
        in += sectors * 512;
        offset += sectors * 512;
        length -= sectors * 512;
    }
    return true;
}

// Walks the runs covering [offset, offset + length): calls back with the volume byte
// offset of each piece (or UINT64_MAX for a sparse piece).
template <typename Piece>
static lib::ErrorOr<bool> forEachPiece(const Vec<Run>& runs, uint32_t clusterSize, uint64_t offset, size_t length,
                                       Piece piece) {
    size_t done = 0;
    size_t i = 0;
    while (done < length) {
        uint64_t vcn = (offset + done) / clusterSize;
        while (i < runs.size() && runs[i].vcn + runs[i].length <= vcn) i++;
        if (i == runs.size() || runs[i].vcn > vcn) return corrupt("ntfs: stream offset not mapped by its runlist");
        const Run& r = runs[i];
        uint64_t runEnd = (r.vcn + r.length) * clusterSize;
        uint64_t pos = offset + done;
        size_t n = runEnd - pos < length - done ? static_cast<size_t>(runEnd - pos) : length - done;
        uint64_t where = r.sparse ? UINT64_MAX : r.lcn * clusterSize + (pos - r.vcn * clusterSize);
        TRY(piece(where, done, n));
        done += n;
    }
    return true;
}

lib::ErrorOr<bool> Volume::readRuns(const Vec<Run>& runs, uint64_t offset, void* buffer, size_t length) {
    uint8_t* out = static_cast<uint8_t*>(buffer);
    return forEachPiece(runs, m_clusterSize, offset, length, [&](uint64_t where, size_t at, size_t n) -> lib::ErrorOr<bool> {
        if (where == UINT64_MAX) {
            memset(out + at, 0, n);
            return true;
        }
        return readBytes(where, out + at, n);
    });
}

lib::ErrorOr<bool> Volume::writeRuns(const Vec<Run>& runs, uint64_t offset, const void* buffer, size_t length) {
    const uint8_t* in = static_cast<const uint8_t*>(buffer);
    return forEachPiece(runs, m_clusterSize, offset, length, [&](uint64_t where, size_t at, size_t n) -> lib::ErrorOr<bool> {
        if (where == UINT64_MAX) {
            return lib::Error::from(lib::ErrorCode::Unsupported, "ntfs: writing into a sparse file is not supported");
        }
        return writeBytes(where, in + at, n);
    });
}

lib::ErrorOr<bool> Volume::readRecord(uint64_t number, Buffer& out) {
    if (number >= m_mftRecords) return corrupt("ntfs: MFT record %llu: beyond $MFT", ull(number));
    if (out.size() != m_recordSize && !out.reset(m_recordSize)) return noMemory();
    TRY(readRuns(m_mftRuns, number * m_recordSize, out.data(), m_recordSize));
    TRY(removeFixups(out.data(), m_recordSize, "FILE", "MFT record", number));
    TRY(checkRecordHeader(out.data(), m_recordSize, number));
    return true;
}

lib::ErrorOr<bool> Volume::writeRecord(uint64_t number, uint8_t* record) {
    Buffer copy(m_recordSize);
    if (!copy.ok()) return noMemory();
    memcpy(copy.data(), record, m_recordSize);
    applyFixups(copy.data(), m_recordSize);
    uint16_t usaOffset = le16(record + 4);
    memcpy(record + usaOffset, copy.data() + usaOffset, 2);
    TRY(writeRuns(m_mftRuns, number * m_recordSize, copy.data(), m_recordSize));
    if (number < m_mirrorRecords) {
        TRY(writeBytes(m_mirrorLcn * m_clusterSize + number * m_recordSize, copy.data(), m_recordSize));
    }
    return true;
}

lib::ErrorOr<bool> Volume::openStream(const uint8_t* base, uint64_t number, uint32_t type, const uint8_t* name,
                                      uint8_t nameLength, Stream& out) {
    out.runs.clear();
    Attribute list;
    bool hasList = TRY(findAttribute(base, m_recordSize, number, kAttrAttributeList, nullptr, 0, list));
    Attribute a;
    if (!hasList || type == kAttrAttributeList) {
        if (!TRY(findAttribute(base, m_recordSize, number, type, name, nameLength, a))) return false;
        out.resident = !a.nonResident;
        out.flags = a.flags;
        if (!a.nonResident) {
            if (!out.value.reset(a.valueLength)) return noMemory();
            memcpy(out.value.data(), base + a.offset + a.valueOffset, a.valueLength);
            out.dataSize = out.allocatedSize = out.initializedSize = a.valueLength;
            return true;
        }
        if (a.lowestVcn != 0) return corrupt("ntfs: MFT record %llu: attribute starts mid-stream", ull(number));
        TRY(decodeRuns(base + a.offset + a.runsOffset, a.length - a.runsOffset, 0, m_totalClusters, out.runs, number));
        out.dataSize = a.dataSize;
        out.allocatedSize = a.allocatedSize;
        out.initializedSize = a.initializedSize;
        uint64_t mapped = out.runs.size() == 0 ? 0 : out.runs[out.runs.size() - 1].vcn + out.runs[out.runs.size() - 1].length;
        if (mapped * m_clusterSize < a.allocatedSize) return corrupt("ntfs: MFT record %llu: runlist shorter than attribute", ull(number));
        return true;
    }
    // $ATTRIBUTE_LIST (NTFS docs "$ATTRIBUTE_LIST"): entries name the record holding each
    // piece of each attribute; non-resident attributes continue at their lowest VCN.
    Stream listStream;
    if (!TRY(openStream(base, number, kAttrAttributeList, nullptr, 0, listStream))) return false;
    if (listStream.dataSize > (1u << 20)) return corrupt("ntfs: MFT record %llu: attribute list too long", ull(number));
    Buffer entries(static_cast<size_t>(listStream.dataSize));
    if (!entries.ok()) return noMemory();
    TRY(readStream(listStream, 0, entries.data(), entries.size()));
    bool found = false;
    uint64_t nextVcn = 0;
    Buffer other;
    for (size_t pos = 0; pos + 0x1A <= entries.size();) {
        const uint8_t* e = entries.data() + pos;
        uint16_t entryLength = le16(e + 4);
        uint8_t entryNameLength = e[6];
        uint8_t entryNameOffset = e[7];
        if (entryLength < 0x1A || pos + entryLength > entries.size() ||
            entryNameOffset + 2u * entryNameLength > entryLength) {
            return corrupt("ntfs: MFT record %llu: bad attribute list entry", ull(number));
        }
        pos += entryLength;
        if (le32(e) != type || entryNameLength != nameLength ||
            (nameLength != 0 && memcmp(e + entryNameOffset, name, 2u * nameLength) != 0)) {
            continue;
        }
        uint64_t startVcn = le64(e + 8);
        uint64_t holder = recordOf(le64(e + 0x10));
        uint16_t id = le16(e + 0x18);
        const uint8_t* record = base;
        if (holder != number) {
            TRY(readRecord(holder, other));
            if (recordOf(le64(other.data() + 0x20)) != number) {
                return corrupt("ntfs: MFT record %llu: extension record %llu belongs elsewhere", ull(number), ull(holder));
            }
            record = other.data();
        }
        AttributeWalker walker(record, m_recordSize, holder);
        bool located = false;
        while (TRY(walker.next(a))) {
            if (a.type == type && a.id == id) {
                located = true;
                break;
            }
        }
        if (!located) return corrupt("ntfs: MFT record %llu: attribute list points at nothing", ull(holder));
        if (!a.nonResident) {
            if (found) return corrupt("ntfs: MFT record %llu: resident attribute in pieces", ull(number));
            if (!out.value.reset(a.valueLength)) return noMemory();
            memcpy(out.value.data(), record + a.offset + a.valueOffset, a.valueLength);
            out.resident = true;
            out.flags = a.flags;
            out.dataSize = out.allocatedSize = out.initializedSize = a.valueLength;
            return true;
        }
        if (a.lowestVcn != startVcn || a.lowestVcn != nextVcn) {
            return corrupt("ntfs: MFT record %llu: attribute pieces out of order", ull(number));
        }
        if (a.lowestVcn == 0) {
            out.dataSize = a.dataSize;
            out.allocatedSize = a.allocatedSize;
            out.initializedSize = a.initializedSize;
            out.flags = a.flags;
        }
        TRY(decodeRuns(record + a.offset + a.runsOffset, a.length - a.runsOffset, a.lowestVcn, m_totalClusters,
                       out.runs, holder));
        nextVcn = out.runs.size() == 0 ? 0 : out.runs[out.runs.size() - 1].vcn + out.runs[out.runs.size() - 1].length;
        out.resident = false;
        found = true;
    }
    if (found && nextVcn * m_clusterSize < out.allocatedSize) {
        return corrupt("ntfs: MFT record %llu: runlist shorter than attribute", ull(number));
    }
    return found;
}

lib::ErrorOr<bool> Volume::readStream(const Stream& stream, uint64_t offset, void* buffer, size_t length) {
    if (offset > stream.dataSize || length > stream.dataSize - offset) return corrupt("ntfs: read beyond a stream");
    uint8_t* out = static_cast<uint8_t*>(buffer);
    if (stream.resident) {
        memcpy(out, stream.value.data() + offset, length);
        return true;
    }
    if ((stream.flags & (kAttrFlagCompressed | kAttrFlagEncrypted)) != 0) {
        return lib::Error::from(lib::ErrorCode::Unsupported, "ntfs: compressed or encrypted file");
    }
    size_t valid = 0;
    if (offset < stream.initializedSize) {
        uint64_t left = stream.initializedSize - offset;
        valid = left < length ? static_cast<size_t>(left) : length;
        TRY(readRuns(stream.runs, offset, out, valid));
    }
    memset(out + valid, 0, length - valid);
    return true;
}

void Volume::formatRecord(uint8_t* record, uint64_t number, uint16_t sequence, uint16_t flags) {
    memset(record, 0, m_recordSize);
    memcpy(record, "FILE", 4);
    uint16_t usaCount = static_cast<uint16_t>(m_recordSize / 512 + 1);
    put16(record + 4, 0x30);
    put16(record + 6, usaCount);
    put16(record + 0x30, 1);
    put16(record + 0x10, sequence);
    put16(record + 0x12, (flags & kRecordInUse) != 0 ? 1 : 0);
    uint16_t first = static_cast<uint16_t>(align8(0x30 + 2u * usaCount));
    put16(record + 0x14, first);
    put16(record + 0x16, flags);
    put32(record + 0x18, first + 8);
    put32(record + 0x1C, m_recordSize);
    put32(record + 0x2C, static_cast<uint32_t>(number));
    put32(record + first, kAttrEnd);
}

lib::ErrorOr<bool> Volume::open(storage::BlockDevice& device) {
    m_device = &device;
    m_volumeBytes = device.sectorCount() * 512;
    uint8_t boot[512];
    if (device.sectorCount() < 16) return corrupt("ntfs: device too small");
    if (device.read(0, 1, boot).isError()) return ioError("ntfs: cannot read the boot sector");
    // NTFS docs "$Boot": OEM id, BIOS parameter block and the NTFS extension.
    if (memcmp(boot + 3, "NTFS    ", 8) != 0) return corrupt("ntfs: boot sector: no NTFS signature");
    if (boot[510] != 0x55 || boot[511] != 0xAA) return corrupt("ntfs: boot sector: no 55AA signature");
    uint32_t bytesPerSector = le16(boot + 0x0B);
    if (bytesPerSector < 512 || bytesPerSector > 4096 || !isPowerOfTwo(bytesPerSector)) {
        return corrupt("ntfs: boot sector: bad bytes per sector %u", bytesPerSector);
    }
    uint8_t spc = boot[0x0D];
    uint32_t sectorsPerCluster = spc <= 0x80 ? spc : (spc >= 0xF4 ? 1u << (256 - spc) : 0);
    if (!isPowerOfTwo(sectorsPerCluster)) return corrupt("ntfs: boot sector: bad sectors per cluster");
    uint64_t clusterSize = static_cast<uint64_t>(bytesPerSector) * sectorsPerCluster;
    if (clusterSize > (2u << 20)) return corrupt("ntfs: boot sector: clusters too large");
    m_clusterSize = static_cast<uint32_t>(clusterSize);
    uint64_t totalSectors = le64(boot + 0x28);
    if (totalSectors == 0 || totalSectors > m_volumeBytes / bytesPerSector) {
        return corrupt("ntfs: boot sector: volume larger than the device");
    }
    m_volumeBytes = totalSectors * bytesPerSector;
    m_totalClusters = m_volumeBytes / m_clusterSize;
    m_mftLcn = le64(boot + 0x30);
    m_mirrorLcn = le64(boot + 0x38);
    int8_t perRecord = static_cast<int8_t>(boot[0x40]);
    uint64_t recordSize = perRecord > 0 ? static_cast<uint64_t>(perRecord) * m_clusterSize
                          : (perRecord < 0 && perRecord >= -31) ? 1ull << -perRecord : 0;
    if (recordSize < 512 || recordSize > 65536 || !isPowerOfTwo(recordSize)) {
        return corrupt("ntfs: boot sector: bad MFT record size");
    }
    m_recordSize = static_cast<uint32_t>(recordSize);
    int8_t perIndex = static_cast<int8_t>(boot[0x44]);
    uint64_t indexSize = perIndex > 0 ? static_cast<uint64_t>(perIndex) * m_clusterSize
                         : (perIndex < 0 && perIndex >= -31) ? 1ull << -perIndex : 0;
    if (indexSize < 512 || indexSize > 65536 || !isPowerOfTwo(indexSize)) {
        return corrupt("ntfs: boot sector: bad index block size");
    }
    m_mirrorRecords = m_clusterSize <= 4 * m_recordSize ? 4 : m_clusterSize / m_recordSize;
    uint64_t mftEnd = (m_mftLcn * m_clusterSize) + 16ull * m_recordSize;
    if (m_mftLcn >= m_totalClusters || mftEnd > m_volumeBytes || m_mirrorLcn >= m_totalClusters ||
        m_mirrorLcn * m_clusterSize + m_mirrorRecords * m_recordSize > m_volumeBytes) {
        return corrupt("ntfs: boot sector: $MFT or $MFTMirr outside the volume");
    }

    // $MFT record 0 describes $MFT itself: read it from the boot sector's LCN first.
    Buffer record(m_recordSize);
    if (!record.ok()) return noMemory();
    TRY(readBytes(m_mftLcn * m_clusterSize, record.data(), m_recordSize));
    TRY(removeFixups(record.data(), m_recordSize, "FILE", "MFT record", 0));
    TRY(checkRecordHeader(record.data(), m_recordSize, 0));
    if ((le16(record.data() + 0x16) & kRecordInUse) == 0 || le16(record.data() + 0x10) == 0) {
        return corrupt("ntfs: MFT record 0: not in use");
    }
    Attribute data;
    if (!TRY(findAttribute(record.data(), m_recordSize, 0, kAttrData, nullptr, 0, data)) || !data.nonResident ||
        data.lowestVcn != 0) {
        return corrupt("ntfs: MFT record 0: no $DATA runlist");
    }
    TRY(decodeRuns(record.data() + data.offset + data.runsOffset, data.length - data.runsOffset, 0, m_totalClusters,
                   m_mftRuns, 0));
    if (m_mftRuns.size() == 0 || m_mftRuns[0].sparse || m_mftRuns[0].lcn != m_mftLcn) {
        return corrupt("ntfs: MFT record 0: $DATA does not start at the boot sector's LCN");
    }
    // Until the full runlist is known, records are reachable as far as the first extent maps.
    m_mftRecords = (m_mftRuns[m_mftRuns.size() - 1].vcn + m_mftRuns[m_mftRuns.size() - 1].length) * m_clusterSize /
                   m_recordSize;
    Stream mft;
    if (!TRY(openStream(record.data(), 0, kAttrData, nullptr, 0, mft)) || mft.resident) {
        return corrupt("ntfs: MFT record 0: no $DATA");
    }
    m_mftRuns.clear();
    for (size_t i = 0; i < mft.runs.size(); i++) {
        if (mft.runs[i].sparse) return corrupt("ntfs: MFT record 0: sparse $MFT");
        if (!m_mftRuns.push(mft.runs[i])) return noMemory();
    }
    m_mftRecords = mft.dataSize / m_recordSize;
    if (m_mftRecords < 16 || mft.initializedSize < mft.dataSize) return corrupt("ntfs: MFT record 0: $MFT too small");
    if (!TRY(openStream(record.data(), 0, kAttrBitmap, nullptr, 0, m_mftBitmapStream)) ||
        m_mftBitmapStream.dataSize < (m_mftRecords + 7) / 8 || m_mftBitmapStream.allocatedSize > kMaxBitmapBytes) {
        return corrupt("ntfs: MFT record 0: bad $BITMAP");
    }
    if (!m_mftBitmap.reset(static_cast<size_t>(m_mftBitmapStream.allocatedSize))) return noMemory();
    TRY(readStream(m_mftBitmapStream, 0, m_mftBitmap.data(), static_cast<size_t>(m_mftBitmapStream.dataSize)));

    // Records 1-11 are the system files ($MFTMirr ... $Extend); 12-15 are reserved.
    Buffer other;
    for (uint64_t n = 1; n < 12; n++) {
        TRY(readRecord(n, other));
    }
    // $Volume: version 3.x only (NTFS docs "$VOLUME_INFORMATION").
    TRY(readRecord(kRecordVolume, other));
    Attribute info;
    if (!TRY(findAttribute(other.data(), m_recordSize, kRecordVolume, kAttrVolumeInformation, nullptr, 0, info)) ||
        info.nonResident || info.valueLength < 12) {
        return corrupt("ntfs: MFT record 3: no $VOLUME_INFORMATION");
    }
    uint8_t major = other.data()[info.offset + info.valueOffset + 8];
    uint8_t minor = other.data()[info.offset + info.valueOffset + 9];
    if (major != 3) return failure(lib::ErrorCode::Unsupported, "ntfs: version %u.%u not supported", major, minor);
    Attribute label;
    if (TRY(findAttribute(other.data(), m_recordSize, kRecordVolume, kAttrVolumeName, nullptr, 0, label)) &&
        !label.nonResident) {
        utf16ToUtf8(other.data() + label.offset + label.valueOffset, static_cast<uint8_t>(label.valueLength / 2 > 255 ? 255 : label.valueLength / 2),
                    m_label, sizeof(m_label));
    }
    // $UpCase: exactly 65536 UTF-16 units.
    TRY(readRecord(kRecordUpCase, other));
    Stream upcase;
    if (!TRY(openStream(other.data(), kRecordUpCase, kAttrData, nullptr, 0, upcase)) || upcase.dataSize != kUpcaseBytes) {
        return corrupt("ntfs: MFT record 10: bad $UpCase length");
    }
    if (!m_upcase.reset(kUpcaseBytes)) return noMemory();
    TRY(readStream(upcase, 0, m_upcase.data(), kUpcaseBytes));
    // $Bitmap: a bit per cluster.
    TRY(readRecord(kRecordBitmap, other));
    if (!TRY(openStream(other.data(), kRecordBitmap, kAttrData, nullptr, 0, m_bitmapStream)) ||
        m_bitmapStream.resident || m_bitmapStream.dataSize < (m_totalClusters + 7) / 8 ||
        m_bitmapStream.allocatedSize > kMaxBitmapBytes) {
        return corrupt("ntfs: MFT record 6: bad $Bitmap");
    }
    if (!m_bitmap.reset(static_cast<size_t>(m_bitmapStream.allocatedSize))) return noMemory();
    TRY(readStream(m_bitmapStream, 0, m_bitmap.data(), static_cast<size_t>(m_bitmapStream.dataSize)));
    m_freeClusters = 0;
    for (uint64_t byte = 0; byte < m_totalClusters / 8; byte++) {
        m_freeClusters += 8 - static_cast<uint64_t>(__builtin_popcount(m_bitmap.data()[byte]));
    }
    for (uint64_t c = m_totalClusters & ~7ull; c < m_totalClusters; c++) {
        if ((m_bitmap.data()[c / 8] & (1u << (c % 8))) == 0) m_freeClusters++;
    }
    // The root directory.
    TRY(readRecord(kRecordRoot, other));
    Attribute root;
    if ((le16(other.data() + 0x16) & (kRecordInUse | kRecordIsDirectory)) != (kRecordInUse | kRecordIsDirectory) ||
        !TRY(findAttribute(other.data(), m_recordSize, kRecordRoot, kAttrIndexRoot, kNameI30, kNameI30Length, root))) {
        return corrupt("ntfs: MFT record 5: root is not a directory");
    }
    return true;
}

lib::ErrorOr<bool> Volume::writeBitmapBytes(Stream& stream, Buffer& bits, uint64_t record, uint64_t first, uint64_t last) {
    if (stream.resident) {
        Buffer owner;
        TRY(readRecord(record, owner));
        Attribute a;
        if (!TRY(findAttribute(owner.data(), m_recordSize, record, kAttrBitmap, nullptr, 0, a)) || a.nonResident) {
            return corrupt("ntfs: MFT record %llu: $BITMAP vanished", ull(record));
        }
        memcpy(owner.data() + a.offset + a.valueOffset, bits.data(), a.valueLength);
        return writeRecord(record, owner.data());
    }
    uint64_t start = first & ~511ull;
    uint64_t end = (last | 511ull) + 1;
    if (end > stream.allocatedSize) end = stream.allocatedSize;
    return writeRuns(stream.runs, start, bits.data() + start, static_cast<size_t>(end - start));
}

lib::ErrorOr<bool> Volume::markClusters(uint64_t lcn, uint64_t count, bool used) {
    for (uint64_t c = lcn; c < lcn + count; c++) {
        uint8_t& byte = m_bitmap.data()[c / 8];
        uint8_t mask = static_cast<uint8_t>(1u << (c % 8));
        if (used && (byte & mask) == 0) {
            byte |= mask;
            m_freeClusters--;
        } else if (!used && (byte & mask) != 0) {
            byte &= static_cast<uint8_t>(~mask);
            m_freeClusters++;
        }
    }
    return writeBitmapBytes(m_bitmapStream, m_bitmap, kRecordBitmap, lcn / 8, (lcn + count - 1) / 8);
}

lib::ErrorOr<bool> Volume::allocateClusters(uint64_t count, Vec<Run>& runs) {
    if (count > m_freeClusters) return lib::Error::from(lib::ErrorCode::NoSpace, "ntfs: volume full");
    uint64_t vcn = 0;
    uint64_t cursor = m_allocationCursor;
    if (runs.size() != 0) {
        const Run& last = runs[runs.size() - 1];
        vcn = last.vcn + last.length;
        if (!last.sparse) cursor = last.lcn + last.length;  // keep files contiguous when we can
    }
    const uint8_t* bits = m_bitmap.data();
    uint64_t scanned = 0;
    while (count != 0) {
        if (cursor >= m_totalClusters) cursor = 0;
        if (scanned++ > 2 * m_totalClusters) return lib::Error::from(lib::ErrorCode::NoSpace, "ntfs: volume full");
        if ((bits[cursor / 8] & (1u << (cursor % 8))) != 0) {
            cursor++;
            continue;
        }
        uint64_t length = 0;
        while (length < count && cursor + length < m_totalClusters &&
               (bits[(cursor + length) / 8] & (1u << ((cursor + length) % 8))) == 0) {
            length++;
        }
        TRY(markClusters(cursor, length, true));
        if (runs.size() != 0 && !runs[runs.size() - 1].sparse &&
            runs[runs.size() - 1].lcn + runs[runs.size() - 1].length == cursor) {
            runs[runs.size() - 1].length += length;
        } else if (!runs.push(Run{vcn, cursor, length, false})) {
            return noMemory();
        }
        vcn += length;
        count -= length;
        cursor += length;
        scanned += length;
    }
    m_allocationCursor = cursor;
    return true;
}

lib::ErrorOr<bool> Volume::freeRuns(const Vec<Run>& runs, size_t first) {
    for (size_t i = first; i < runs.size(); i++) {
        if (!runs[i].sparse) TRY(markClusters(runs[i].lcn, runs[i].length, false));
    }
    return true;
}

lib::ErrorOr<bool> Volume::setMftBit(uint64_t number, bool used) {
    uint8_t& byte = m_mftBitmap.data()[number / 8];
    uint8_t mask = static_cast<uint8_t>(1u << (number % 8));
    byte = used ? static_cast<uint8_t>(byte | mask) : static_cast<uint8_t>(byte & ~mask);
    return writeBitmapBytes(m_mftBitmapStream, m_mftBitmap, kRecordMft, number / 8, number / 8);
}

lib::ErrorOr<bool> Volume::rewriteNonResident(uint8_t* record, uint32_t offset, const Vec<Run>& runs, uint64_t allocated,
                                              uint64_t dataSize, uint64_t initialized) {
    Buffer encoded(m_recordSize);
    if (!encoded.ok()) return noMemory();
    size_t length = encodeRuns(runs, 0, encoded.data(), m_recordSize);
    if (length == 0) return lib::Error::from(lib::ErrorCode::NoSpace, "ntfs: runlist too long for the record");
    uint16_t runsOffset = le16(record + offset + 0x20);
    TRY(resizeAttribute(record, m_recordSize, offset, static_cast<uint32_t>(align8(runsOffset + length))));
    uint8_t* a = record + offset;
    memcpy(a + runsOffset, encoded.data(), length);
    put64(a + 0x10, 0);
    put64(a + 0x18, allocated / m_clusterSize - 1);  // -1 (all ones) when nothing is allocated
    put64(a + 0x28, allocated);
    put64(a + 0x30, dataSize);
    put64(a + 0x38, initialized);
    return true;
}

lib::ErrorOr<bool> Volume::addEmptyNonResident(uint8_t* record, uint32_t type, const uint8_t* name, uint8_t nameLength) {
    uint8_t attribute[0x40 + 2 * 255 + 16];
    uint32_t runsOffset = static_cast<uint32_t>(align8(0x40 + 2u * nameLength));
    uint32_t length = runsOffset + 8;
    memset(attribute, 0, length);
    put32(attribute, type);
    put32(attribute + 4, length);
    attribute[8] = 1;
    attribute[9] = nameLength;
    put16(attribute + 0x0A, 0x40);
    if (nameLength != 0) memcpy(attribute + 0x40, name, 2u * nameLength);
    put64(attribute + 0x18, ~0ull);
    put16(attribute + 0x20, static_cast<uint16_t>(runsOffset));
    TRY(insertAttribute(record, m_recordSize, attribute, length));
    return true;
}

static bool sameName(const uint8_t* a, uint8_t aLength, const uint8_t* b, uint8_t bLength) {
    return aLength == bLength && (aLength == 0 || memcmp(a, b, 2u * aLength) == 0);
}

lib::ErrorOr<bool> Volume::readAttributeList(const uint8_t* base, uint64_t number, Vec<ListEntry>& out) {
    out.clear();
    Stream list;
    if (!TRY(openStream(base, number, kAttrAttributeList, nullptr, 0, list))) return false;
    if (!list.resident) {
        return lib::Error::from(lib::ErrorCode::Unsupported, "ntfs: non-resident attribute list (not writable)");
    }
    const uint8_t* bytes = list.value.data();
    size_t size = static_cast<size_t>(list.dataSize);
    for (size_t pos = 0; pos + 0x1A <= size;) {
        const uint8_t* e = bytes + pos;
        uint16_t length = le16(e + 4);
        if (length < 0x1A || pos + length > size || e[7] + 2u * e[6] > length) {
            return corrupt("ntfs: MFT record %llu: bad attribute list entry", ull(number));
        }
        ListEntry entry;
        entry.type = le32(e);
        entry.nameLength = e[6];
        if (entry.nameLength != 0) memcpy(entry.name, e + e[7], 2u * entry.nameLength);
        entry.vcn = le64(e + 8);
        entry.reference = le64(e + 0x10);
        entry.id = le16(e + 0x18);
        if (!out.push(entry)) return noMemory();
        pos += length;
    }
    return true;
}

// NTFS docs "$ATTRIBUTE_LIST": entries sorted by type, then name, then starting VCN.
static bool entryBefore(const ListEntry& a, const ListEntry& b) {
    if (a.type != b.type) return a.type < b.type;
    if (a.nameLength != b.nameLength) return a.nameLength < b.nameLength;
    int byName = a.nameLength == 0 ? 0 : memcmp(a.name, b.name, 2u * a.nameLength);
    if (byName != 0) return byName < 0;
    return a.vcn < b.vcn;
}

lib::ErrorOr<bool> Volume::writeAttributeList(uint8_t* base, uint64_t number, Vec<ListEntry>& entries) {
    // The base record's own attributes (except the list itself) are listed afresh.
    uint64_t baseReference = number | (static_cast<uint64_t>(le16(base + 0x10)) << 48);
    AttributeWalker walker(base, m_recordSize, number);
    Attribute a;
    while (TRY(walker.next(a))) {
        if (a.type == kAttrAttributeList) continue;
        ListEntry entry;
        entry.type = a.type;
        entry.nameLength = a.nameLength;
        if (a.nameLength != 0) memcpy(entry.name, a.name, 2u * a.nameLength);
        entry.vcn = a.nonResident ? a.lowestVcn : 0;
        entry.reference = baseReference;
        entry.id = a.id;
        if (!entries.push(entry)) return noMemory();
    }
    for (size_t i = 1; i < entries.size(); i++) {
        for (size_t j = i; j > 0 && entryBefore(entries[j], entries[j - 1]); j--) {
            ListEntry swap = entries[j];
            entries[j] = entries[j - 1];
            entries[j - 1] = swap;
        }
    }
    size_t total = 0;
    for (size_t i = 0; i < entries.size(); i++) total += align8(0x1A + 2u * entries[i].nameLength);
    if (total > m_recordSize) return lib::Error::from(lib::ErrorCode::NoSpace, "ntfs: attribute list too long");
    Buffer value(total);
    if (!value.ok()) return noMemory();
    size_t pos = 0;
    for (size_t i = 0; i < entries.size(); i++) {
        const ListEntry& entry = entries[i];
        uint8_t* e = value.data() + pos;
        uint16_t length = static_cast<uint16_t>(align8(0x1A + 2u * entry.nameLength));
        put32(e, entry.type);
        put16(e + 4, length);
        e[6] = entry.nameLength;
        e[7] = 0x1A;
        put64(e + 8, entry.vcn);
        put64(e + 0x10, entry.reference);
        put16(e + 0x18, entry.id);
        if (entry.nameLength != 0) memcpy(e + 0x1A, entry.name, 2u * entry.nameLength);
        pos += length;
    }
    Attribute list;
    if (TRY(findAttribute(base, m_recordSize, number, kAttrAttributeList, nullptr, 0, list))) {
        return setResidentValue(base, m_recordSize, list.offset, value.data(), static_cast<uint32_t>(total));
    }
    Buffer attribute(0x18 + total + 8);
    if (!attribute.ok()) return noMemory();
    uint32_t length = buildResident(attribute.data(), kAttrAttributeList, nullptr, 0, value.data(),
                                    static_cast<uint32_t>(total), false);
    TRY(insertAttribute(base, m_recordSize, attribute.data(), length));
    return true;
}

lib::ErrorOr<bool> Volume::refreshAttributeList(uint8_t* base, uint64_t number) {
    Vec<ListEntry> entries;
    if (!TRY(readAttributeList(base, number, entries))) return true;
    Vec<ListEntry> kept;
    for (size_t i = 0; i < entries.size(); i++) {
        if (recordOf(entries[i].reference) != number && !kept.push(entries[i])) return noMemory();
    }
    return writeAttributeList(base, number, kept);
}

lib::ErrorOr<bool> Volume::storeNonResident(uint8_t* base, uint64_t number, uint32_t type, const uint8_t* name,
                                            uint8_t nameLength, const Vec<Run>& runs, uint64_t allocated,
                                            uint64_t dataSize, uint64_t initialized) {
    if (!TRY(hasAttributeList(base, m_recordSize, number))) {
        Attribute a;
        bool present = TRY(findAttribute(base, m_recordSize, number, type, name, nameLength, a));
        auto stored = present ? rewriteNonResident(base, a.offset, runs, allocated, dataSize, initialized)
                              : addNonResident(base, number, type, name, nameLength, runs, allocated, dataSize,
                                               initialized);
        if (!stored.isError()) return writeRecord(number, base);
        if (stored.error().code() != lib::ErrorCode::NoSpace) return stored.releaseError();
    }
    return storeInExtensions(base, number, type, name, nameLength, runs, allocated, dataSize, initialized);
}

lib::ErrorOr<bool> Volume::storeInExtensions(uint8_t* base, uint64_t number, uint32_t type, const uint8_t* name,
                                             uint8_t nameLength, const Vec<Run>& runs, uint64_t allocated,
                                             uint64_t dataSize, uint64_t initialized) {
    if (number < kFirstUserRecord) return lib::Error::from(lib::ErrorCode::NoSpace, "ntfs: runlist too long for the record");
    Vec<ListEntry> entries;
    (void)TRY(readAttributeList(base, number, entries));
    // Take the attribute's old pieces out of every record; emptied extension records are
    // reused for the new pieces (NTFS docs "$ATTRIBUTE_LIST": a non-resident attribute is
    // split by VCN range, each piece an attribute with its own lowest/highest VCN).
    Vec<ListEntry> kept;
    Vec<uint64_t> spare;
    Buffer extension(m_recordSize);
    if (!extension.ok()) return noMemory();
    for (size_t i = 0; i < entries.size(); i++) {
        const ListEntry& entry = entries[i];
        uint64_t holder = recordOf(entry.reference);
        if (holder == number) continue;  // the base record's attributes are listed afresh
        if (entry.type != type || !sameName(entry.name, entry.nameLength, name, nameLength)) {
            if (!kept.push(entry)) return noMemory();
            continue;
        }
        TRY(readRecord(holder, extension));
        if (recordOf(le64(extension.data() + 0x20)) != number) {
            return corrupt("ntfs: MFT record %llu: extension record %llu belongs elsewhere", ull(number), ull(holder));
        }
        AttributeWalker walker(extension.data(), m_recordSize, holder);
        Attribute a;
        while (TRY(walker.next(a))) {
            if (a.type == type && a.id == entry.id) {
                removeAttribute(extension.data(), a.offset);
                TRY(writeRecord(holder, extension.data()));
                break;
            }
        }
        AttributeWalker rest(extension.data(), m_recordSize, holder);
        if (!TRY(rest.next(a))) {
            bool known = false;
            for (size_t k = 0; k < spare.size(); k++) known = known || spare[k] == holder;
            if (!known && !spare.push(holder)) return noMemory();
        }
    }
    for (int i = 0; i < kMaxAttributes; i++) {
        Attribute a;
        if (!TRY(findAttribute(base, m_recordSize, number, type, name, nameLength, a))) break;
        removeAttribute(base, a.offset);
    }
    uint64_t baseReference = number | (static_cast<uint64_t>(le16(base + 0x10)) << 48);
    uint32_t runsOffset = static_cast<uint32_t>(align8(0x40 + 2u * nameLength));
    size_t first = 0;
    do {
        uint64_t holder;
        if (spare.size() != 0) {
            holder = spare[spare.size() - 1];
            spare.truncate(spare.size() - 1);
            TRY(readRecord(holder, extension));
            formatRecord(extension.data(), holder, le16(extension.data() + 0x10), kRecordInUse);
        } else {
            holder = TRY(allocateRecord(false, extension));
        }
        uint8_t* record = extension.data();
        put64(record + 0x20, baseReference);
        uint32_t room = m_recordSize - le32(record + 0x18);
        Buffer attribute(room);
        if (!attribute.ok()) return noMemory();
        uint8_t* p = attribute.data();
        size_t next = first;
        size_t bytes = encodeRunsUpTo(runs, first, p + runsOffset, (room - runsOffset) & ~7u, next);
        if (next == first && first < runs.size()) {
            return lib::Error::from(lib::ErrorCode::NoSpace, "ntfs: run does not fit an extension record");
        }
        uint32_t length = static_cast<uint32_t>(align8(runsOffset + bytes));
        uint64_t lowest = first < runs.size() ? runs[first].vcn : 0;
        put32(p, type);
        put32(p + 4, length);
        p[8] = 1;
        p[9] = nameLength;
        put16(p + 0x0A, 0x40);
        if (nameLength != 0) memcpy(p + 0x40, name, 2u * nameLength);
        put64(p + 0x10, lowest);
        put64(p + 0x18, next > first ? runs[next - 1].vcn + runs[next - 1].length - 1 : ~0ull);
        put16(p + 0x20, static_cast<uint16_t>(runsOffset));
        if (first == 0) {
            // Only the piece at VCN 0 carries the sizes.
            put64(p + 0x28, allocated);
            put64(p + 0x30, dataSize);
            put64(p + 0x38, initialized);
        }
        uint32_t offset = TRY(insertAttribute(record, m_recordSize, p, length));
        TRY(writeRecord(holder, record));
        ListEntry entry;
        entry.type = type;
        entry.nameLength = nameLength;
        if (nameLength != 0) memcpy(entry.name, name, 2u * nameLength);
        entry.vcn = lowest;
        entry.reference = holder | (static_cast<uint64_t>(le16(record + 0x10)) << 48);
        entry.id = le16(record + offset + 0x0E);
        if (!kept.push(entry)) return noMemory();
        first = next;
    } while (first < runs.size());
    TRY(writeAttributeList(base, number, kept));
    TRY(writeRecord(number, base));
    for (size_t i = 0; i < spare.size(); i++) TRY(freeRecord(spare[i]));
    return true;
}

lib::ErrorOr<bool> Volume::setInitializedSize(uint8_t* base, uint64_t number, uint32_t type, const uint8_t* name,
                                              uint8_t nameLength, uint64_t initialized) {
    Attribute a;
    if (TRY(findAttribute(base, m_recordSize, number, type, name, nameLength, a)) && a.nonResident &&
        a.lowestVcn == 0) {
        put64(base + a.offset + 0x38, initialized);
        return writeRecord(number, base);
    }
    Vec<ListEntry> entries;
    (void)TRY(readAttributeList(base, number, entries));
    for (size_t i = 0; i < entries.size(); i++) {
        const ListEntry& entry = entries[i];
        if (entry.type != type || entry.vcn != 0 || !sameName(entry.name, entry.nameLength, name, nameLength)) continue;
        uint64_t holder = recordOf(entry.reference);
        Buffer extension;
        TRY(readRecord(holder, extension));
        AttributeWalker walker(extension.data(), m_recordSize, holder);
        while (TRY(walker.next(a))) {
            if (a.type == type && a.id == entry.id && a.nonResident) {
                put64(extension.data() + a.offset + 0x38, initialized);
                return writeRecord(holder, extension.data());
            }
        }
    }
    return corrupt("ntfs: MFT record %llu: attribute list points at nothing", ull(number));
}

lib::ErrorOr<bool> Volume::setStreamSize(uint8_t* record, uint64_t number, uint32_t type, const uint8_t* name,
                                         uint8_t nameLength, uint64_t size, bool forceNonResident) {
    Stream stream;
    if (!TRY(openStream(record, number, type, name, nameLength, stream))) {
        return lib::Error::from(lib::ErrorCode::Unsupported, "ntfs: attribute not found");
    }
    if ((stream.flags & (kAttrFlagCompressed | kAttrFlagEncrypted | kAttrFlagSparse)) != 0) {
        return lib::Error::from(lib::ErrorCode::Unsupported, "ntfs: compressed, encrypted or sparse file");
    }
    bool listed = TRY(hasAttributeList(record, m_recordSize, number));
    Attribute a;
    bool inBase = TRY(findAttribute(record, m_recordSize, number, type, name, nameLength, a));
    if (stream.resident) {
        if (!inBase) return lib::Error::from(lib::ErrorCode::Unsupported, "ntfs: resident attribute in an extension record");
        uint32_t old = a.valueLength;
        uint64_t used = le32(record + 0x18);
        uint64_t grownLength = align8(a.valueOffset + size);
        bool fits = !forceNonResident && size <= m_recordSize && used - a.length + grownLength <= m_recordSize;
        if (fits) {
            TRY(setResidentValue(record, m_recordSize, a.offset, nullptr, static_cast<uint32_t>(size)));
            if (size > old) memset(record + a.offset + a.valueOffset + old, 0, static_cast<size_t>(size - old));
            return writeRecord(number, record);
        }
        // Resident -> non-resident (NTFS docs "Attribute": the value moves to clusters and
        // the header gains a runlist).
        Vec<Run> runs;
        uint64_t clusters = (size + m_clusterSize - 1) / m_clusterSize;
        TRY(allocateClusters(clusters, runs));
        if (old != 0) {
            Buffer padded(align8(old) + 512);
            if (!padded.ok()) return noMemory();
            memcpy(padded.data(), stream.value.data(), old);
            auto written = writeRuns(runs, 0, padded.data(), (old + 511) & ~511u);
            if (written.isError()) {
                TRY(freeRuns(runs, 0));
                return written.releaseError();
            }
        }
        removeAttribute(record, a.offset);
        auto added = storeNonResident(record, number, type, name, nameLength, runs, clusters * m_clusterSize, size, old);
        if (added.isError()) {
            TRY(freeRuns(runs, 0));
            return added.releaseError();
        }
        return true;
    }
    Vec<Run> runs;
    for (size_t i = 0; i < stream.runs.size(); i++) {
        if (!runs.push(stream.runs[i])) return noMemory();
    }
    uint64_t haveClusters = stream.allocatedSize / m_clusterSize;
    uint64_t mapped = runs.size() == 0 ? 0 : runs[runs.size() - 1].vcn + runs[runs.size() - 1].length;
    if (mapped != haveClusters) return corrupt("ntfs: MFT record %llu: runlist and allocated size differ", ull(number));
    uint64_t needClusters = (size + m_clusterSize - 1) / m_clusterSize;
    if (!forceNonResident && type == kAttrData && size < stream.dataSize && inBase && !listed &&
        le32(record + 0x18) - a.length + align8(0x18 + 2u * nameLength) + align8(size) <= m_recordSize) {
        // Small again: back to a resident value (frees every cluster).
        Buffer value(static_cast<size_t>(size));
        if (!value.ok()) return noMemory();
        uint64_t valid = stream.initializedSize < size ? stream.initializedSize : size;
        TRY(readRuns(runs, 0, value.data(), static_cast<size_t>(valid)));
        Buffer attribute(static_cast<size_t>(align8(0x18 + 2u * nameLength) + align8(size) + 8));
        if (!attribute.ok()) return noMemory();
        uint32_t length = buildResident(attribute.data(), type, name, nameLength, value.data(),
                                        static_cast<uint32_t>(size), false);
        removeAttribute(record, a.offset);
        TRY(insertAttribute(record, m_recordSize, attribute.data(), length));
        TRY(writeRecord(number, record));
        return freeRuns(runs, 0);
    }
    if (needClusters > haveClusters) {
        TRY(allocateClusters(needClusters - haveClusters, runs));
    } else if (needClusters < haveClusters) {
        // Cut the runlist at needClusters and free the rest.
        Vec<Run> tail;
        size_t keep = 0;
        for (size_t i = 0; i < runs.size(); i++) {
            Run r = runs[i];
            if (r.vcn >= needClusters) {
                if (!tail.push(r)) return noMemory();
            } else {
                keep = i + 1;
                if (r.vcn + r.length > needClusters) {
                    uint64_t cut = needClusters - r.vcn;
                    Run rest{needClusters, r.lcn + cut, r.length - cut, r.sparse};
                    if (!tail.push(rest)) return noMemory();
                    runs[i].length = cut;
                }
            }
        }
        runs.truncate(keep);
        TRY(freeRuns(tail, 0));
    }
    uint64_t initialized = stream.initializedSize < size ? stream.initializedSize : size;
    return storeNonResident(record, number, type, name, nameLength, runs, needClusters * m_clusterSize, size, initialized);
}

lib::ErrorOr<bool> Volume::writeStream(uint8_t* record, uint64_t number, uint32_t type, const uint8_t* name,
                                       uint8_t nameLength, uint64_t offset, const void* data, size_t length) {
    Stream stream;
    if (!TRY(openStream(record, number, type, name, nameLength, stream))) {
        return lib::Error::from(lib::ErrorCode::Unsupported, "ntfs: attribute not found");
    }
    if (offset + length < offset) return lib::Error::from(lib::ErrorCode::InvalidArgument, "ntfs: offset too large");
    if (offset + length > stream.dataSize) {
        TRY(setStreamSize(record, number, type, name, nameLength, offset + length, false));
        (void)TRY(openStream(record, number, type, name, nameLength, stream));
    }
    if (stream.resident) {
        Attribute a;
        if (!TRY(findAttribute(record, m_recordSize, number, type, name, nameLength, a)) || a.nonResident) {
            return lib::Error::from(lib::ErrorCode::Unsupported, "ntfs: resident attribute in an extension record");
        }
        memcpy(record + a.offset + a.valueOffset + offset, data, length);
        return writeRecord(number, record);
    }
    // Bytes between the initialized size and the write read as zeros: make them so on disk.
    uint64_t initialized = stream.initializedSize;
    if (offset > initialized) {
        Buffer zeros(64 * 1024);
        if (!zeros.ok()) return noMemory();
        for (uint64_t at = initialized; at < offset;) {
            size_t n = offset - at < zeros.size() ? static_cast<size_t>(offset - at) : zeros.size();
            TRY(writeRuns(stream.runs, at, zeros.data(), n));
            at += n;
        }
    }
    TRY(writeRuns(stream.runs, offset, data, length));
    if (offset + length > initialized) {
        return setInitializedSize(record, number, type, name, nameLength, offset + length);
    }
    return true;
}

lib::ErrorOr<bool> Volume::addNonResident(uint8_t* record, uint64_t number, uint32_t type, const uint8_t* name,
                                          uint8_t nameLength, const Vec<Run>& runs, uint64_t allocated, uint64_t dataSize,
                                          uint64_t initialized) {
    TRY(addEmptyNonResident(record, type, name, nameLength));
    Attribute b;
    (void)TRY(findAttribute(record, m_recordSize, number, type, name, nameLength, b));
    return rewriteNonResident(record, b.offset, runs, allocated, dataSize, initialized);
}

lib::ErrorOr<bool> Volume::extendMft() {
    Buffer record;
    TRY(readRecord(kRecordMft, record));
    Attribute a;
    if (TRY(findAttribute(record.data(), m_recordSize, 0, kAttrAttributeList, nullptr, 0, a))) {
        return lib::Error::from(lib::ErrorCode::Unsupported, "ntfs: $MFT has an attribute list");
    }
    uint64_t growBytes = static_cast<uint64_t>(kMftGrowRecords) * m_recordSize;
    if (growBytes < m_clusterSize) growBytes = m_clusterSize;
    uint64_t newRecords = m_mftRecords + growBytes / m_recordSize;
    // First the bitmap, so every new record has a bit (zeros written, initialized size kept).
    uint64_t bitmapBytes = align8((newRecords + 7) / 8);
    if (bitmapBytes > m_mftBitmapStream.dataSize) {
        uint64_t extra = bitmapBytes - m_mftBitmapStream.dataSize;
        Buffer zeros(static_cast<size_t>(extra));
        if (!zeros.ok()) return noMemory();
        TRY(writeStream(record.data(), 0, kAttrBitmap, nullptr, 0, m_mftBitmapStream.dataSize, zeros.data(), zeros.size()));
        Stream stream;
        if (!TRY(openStream(record.data(), 0, kAttrBitmap, nullptr, 0, stream))) return corrupt("ntfs: $MFT lost $BITMAP");
        Buffer bits(static_cast<size_t>(stream.allocatedSize));
        if (!bits.ok()) return noMemory();
        memcpy(bits.data(), m_mftBitmap.data(), m_mftBitmap.size() < bits.size() ? m_mftBitmap.size() : bits.size());
        m_mftBitmap = static_cast<Buffer&&>(bits);
        m_mftBitmapStream.resident = stream.resident;
        m_mftBitmapStream.dataSize = stream.dataSize;
        m_mftBitmapStream.allocatedSize = stream.allocatedSize;
        m_mftBitmapStream.initializedSize = stream.initializedSize;
        m_mftBitmapStream.runs.clear();
        for (size_t i = 0; i < stream.runs.size(); i++) (void)m_mftBitmapStream.runs.push(stream.runs[i]);
    }
    // Then $DATA: more clusters at the end of $MFT.
    if (!TRY(findAttribute(record.data(), m_recordSize, 0, kAttrData, nullptr, 0, a)) || !a.nonResident) {
        return corrupt("ntfs: MFT record 0: no $DATA");
    }
    Vec<Run> runs;
    TRY(decodeRuns(record.data() + a.offset + a.runsOffset, a.length - a.runsOffset, 0, m_totalClusters, runs, 0));
    uint64_t newBytes = newRecords * m_recordSize;
    uint64_t needClusters = (newBytes + m_clusterSize - 1) / m_clusterSize;
    uint64_t haveClusters = a.allocatedSize / m_clusterSize;
    if (needClusters > haveClusters) TRY(allocateClusters(needClusters - haveClusters, runs));
    uint64_t allocated = (needClusters > haveClusters ? needClusters : haveClusters) * m_clusterSize;
    TRY(rewriteNonResident(record.data(), a.offset, runs, allocated, newBytes, newBytes));
    m_mftRuns.clear();
    for (size_t i = 0; i < runs.size(); i++) {
        if (!m_mftRuns.push(runs[i])) return noMemory();
    }
    Buffer blank(m_recordSize);
    if (!blank.ok()) return noMemory();
    uint64_t oldRecords = m_mftRecords;
    m_mftRecords = newRecords;
    for (uint64_t n = oldRecords; n < newRecords; n++) {
        formatRecord(blank.data(), n, 1, 0);
        TRY(writeRecord(n, blank.data()));
    }
    return writeRecord(kRecordMft, record.data());
}

lib::ErrorOr<uint64_t> Volume::allocateRecord(bool directory, Buffer& out) {
    uint64_t number = 0;
    for (int attempt = 0; attempt < 2 && number == 0; attempt++) {
        for (uint64_t n = kFirstUserRecord; n < m_mftRecords; n++) {
            if ((m_mftBitmap.data()[n / 8] & (1u << (n % 8))) == 0) {
                number = n;
                break;
            }
        }
        if (number == 0) TRY(extendMft());
    }
    if (number == 0) return lib::Error::from(lib::ErrorCode::NoSpace, "ntfs: no free MFT record");
    if (!out.reset(m_recordSize)) return noMemory();
    TRY(readRuns(m_mftRuns, number * m_recordSize, out.data(), m_recordSize));
    uint16_t sequence = memcmp(out.data(), "FILE", 4) == 0 ? le16(out.data() + 0x10) : 1;
    if (sequence == 0) sequence = 1;
    formatRecord(out.data(), number, sequence,
                 static_cast<uint16_t>(kRecordInUse | (directory ? kRecordIsDirectory : 0)));
    TRY(setMftBit(number, true));
    return number;
}

lib::ErrorOr<bool> Volume::freeRecord(uint64_t number) {
    Buffer record;
    TRY(readRecord(number, record));
    uint16_t sequence = static_cast<uint16_t>(le16(record.data() + 0x10) + 1);
    put16(record.data() + 0x10, sequence == 0 ? 1 : sequence);
    put16(record.data() + 0x16, 0);
    TRY(writeRecord(number, record.data()));
    return setMftBit(number, false);
}

lib::ErrorOr<bool> Volume::freeRecordClusters(const uint8_t* record, uint64_t number) {
    AttributeWalker walker(record, m_recordSize, number);
    Attribute a;
    while (TRY(walker.next(a))) {
        if (!a.nonResident) continue;
        Vec<Run> runs;
        TRY(decodeRuns(record + a.offset + a.runsOffset, a.length - a.runsOffset, a.lowestVcn, m_totalClusters, runs,
                       number));
        TRY(freeRuns(runs, 0));
    }
    return true;
}

lib::ErrorOr<bool> Volume::setDirty(bool dirty) {
    Buffer record;
    TRY(readRecord(kRecordVolume, record));
    Attribute info;
    if (!TRY(findAttribute(record.data(), m_recordSize, kRecordVolume, kAttrVolumeInformation, nullptr, 0, info))) {
        return corrupt("ntfs: MFT record 3: no $VOLUME_INFORMATION");
    }
    uint8_t* flags = record.data() + info.offset + info.valueOffset + 0x0A;
    uint16_t value = le16(flags);
    put16(flags, dirty ? static_cast<uint16_t>(value | 1) : static_cast<uint16_t>(value & ~1));
    return writeRecord(kRecordVolume, record.data());
}

}  // namespace fs::ntfs
