// tests/NtfsFormatter: a minimal NTFS 3.1 formatter for the host tests, so they do not
// depend on ntfs-3g: boot sector (and its backup in the last sector), $MFT with 64 records,
// $MFTMirr, $Volume, $UpCase, $Bitmap, $Boot and an empty root directory; the other system
// records are present but minimal ($LogFile and $AttrDef hold empty data, the root index
// does not list the system files). Layout, 4 KiB clusters: 0-1 $Boot, 2-17 $MFT,
// 18 $MFTMirr, 19-50 $UpCase, then $Bitmap.
#include <cstring>

#include "fs/ntfs/NtfsIndex.h"
#include "fs/ntfs/NtfsOnDisk.h"
#include "tests/NtfsTestSupport.h"

namespace ntfstest {

using namespace fs::ntfs;

namespace {

constexpr uint32_t kCluster = 4096;
constexpr uint32_t kRecord = 1024;
constexpr uint32_t kMftRecords = 64;
constexpr uint64_t kMftLcn = 2;
constexpr uint64_t kMirrorLcn = 18;
constexpr uint64_t kUpcaseLcn = 19;
constexpr uint64_t kBitmapLcn = 51;
constexpr uint64_t kTime = 0x01DC000000000000ull;

struct RecordBuilder {
    uint8_t bytes[kRecord];
    RecordBuilder(uint64_t number, uint16_t flags) {
        std::memset(bytes, 0, sizeof(bytes));
        std::memcpy(bytes, "FILE", 4);
        put16(bytes + 4, 0x30);
        put16(bytes + 6, kRecord / 512 + 1);
        put16(bytes + 0x30, 1);
        put16(bytes + 0x10, number == 0 ? 1 : static_cast<uint16_t>(number < 16 ? number : 1));
        put16(bytes + 0x12, (flags & kRecordInUse) != 0 ? 1 : 0);
        put16(bytes + 0x14, 0x38);
        put16(bytes + 0x16, flags);
        put32(bytes + 0x18, 0x38 + 8);
        put32(bytes + 0x1C, kRecord);
        put32(bytes + 0x2C, static_cast<uint32_t>(number));
        put32(bytes + 0x38, kAttrEnd);
    }
    void resident(uint32_t type, const uint8_t* name, uint8_t nameLength, const uint8_t* value, uint32_t length,
                  bool indexed = false) {
        uint8_t attribute[kRecord];
        uint32_t size = buildResident(attribute, type, name, nameLength, value, length, indexed);
        (void)insertAttribute(bytes, kRecord, attribute, size);
    }
    void nonResident(uint32_t type, uint64_t lcn, uint64_t clusters, uint64_t dataSize) {
        uint8_t attribute[0x60] = {};
        Vec<Run> runs;
        (void)runs.push(Run{0, lcn, clusters, false});
        size_t runBytes = encodeRuns(runs, 0, attribute + 0x40, 0x20);
        uint32_t length = static_cast<uint32_t>(align8(0x40 + runBytes));
        put32(attribute, type);
        put32(attribute + 4, length);
        attribute[8] = 1;
        put16(attribute + 0x0A, 0x40);
        put64(attribute + 0x18, clusters - 1);
        put16(attribute + 0x20, 0x40);
        put64(attribute + 0x28, clusters * kCluster);
        put64(attribute + 0x30, dataSize);
        put64(attribute + 0x38, dataSize);
        (void)insertAttribute(bytes, kRecord, attribute, length);
    }
    void standardInformation() {
        uint8_t si[0x48] = {};
        for (int i = 0; i < 4; i++) put64(si + 8 * i, kTime);
        put32(si + 0x20, 0x06);  // hidden, system
        resident(kAttrStandardInformation, nullptr, 0, si, sizeof(si));
    }
    void fileName(const char* name, bool directory) {
        uint16_t units[32];
        uint8_t length = 0;
        (void)utf8ToUtf16(name, std::strlen(name), units, length);
        uint8_t key[0x42 + 64];
        uint16_t size = buildFileName(key, kRecordRoot | (5ull << 48), kTime, 0, 0,
                                      directory ? kFileAttrDirectory | 0x06 : 0x06, units, length, 3);
        resident(kAttrFileName, nullptr, 0, key, size, true);
    }
    void emptyIndex() {
        uint8_t root[0x30] = {};
        put32(root, kAttrFileName);
        put32(root + 4, 1);  // COLLATION_FILE_NAME
        put32(root + 8, 4096);
        root[12] = 1;
        put32(root + 0x10, 0x10);
        put32(root + 0x14, 0x20);
        put32(root + 0x18, 0x20);
        put16(root + 0x28, 0x10);
        put16(root + 0x2C, 2);
        resident(kAttrIndexRoot, kNameI30, kNameI30Length, root, sizeof(root));
    }
};

void putRecord(std::vector<uint8_t>& image, uint64_t offset, RecordBuilder& record) {
    uint8_t copy[kRecord];
    std::memcpy(copy, record.bytes, kRecord);
    applyFixups(copy, kRecord);
    std::memcpy(image.data() + offset, copy, kRecord);
}

}  // namespace

std::vector<uint8_t> formatVolume(size_t size, const char* label) {
    std::vector<uint8_t> image(size, 0);
    uint64_t totalSectors = size / 512 - 1;  // the last sector keeps the backup boot sector
    uint64_t clusters = totalSectors * 512 / kCluster;
    uint64_t bitmapBytes = align8((clusters + 7) / 8);
    uint64_t bitmapClusters = (bitmapBytes + kCluster - 1) / kCluster;

    uint8_t* boot = image.data();
    boot[0] = 0xEB;
    boot[1] = 0x52;
    boot[2] = 0x90;
    std::memcpy(boot + 3, "NTFS    ", 8);
    put16(boot + 0x0B, 512);
    boot[0x0D] = kCluster / 512;
    boot[0x15] = 0xF8;
    put16(boot + 0x18, 0x3F);
    put16(boot + 0x1A, 0xFF);
    put32(boot + 0x24, 0x00800080);
    put64(boot + 0x28, totalSectors);
    put64(boot + 0x30, kMftLcn);
    put64(boot + 0x38, kMirrorLcn);
    boot[0x40] = 0xF6;  // 2^10 = 1024-byte records
    boot[0x44] = 1;     // one cluster per index block
    put64(boot + 0x48, 0x1234567890ABCDEFull);
    boot[510] = 0x55;
    boot[511] = 0xAA;
    std::memcpy(image.data() + size - 512, boot, 512);

    // $UpCase: ASCII, Latin-1, Greek and Cyrillic lower-case letters map to upper case.
    uint8_t* upcase = image.data() + kUpcaseLcn * kCluster;
    for (uint32_t c = 0; c < 65536; c++) {
        uint32_t u = c;
        if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) ||
            (c >= 0x430 && c <= 0x44F)) {
            u = c - 32;
        } else if (c >= 0x450 && c <= 0x45F) {
            u = c - 80;
        } else if (c == 0xFF) {
            u = 0x178;
        }
        put16(upcase + 2 * c, static_cast<uint16_t>(u));
    }

    // $Bitmap: every cluster used so far, and the tail past the volume's end.
    uint8_t* bitmap = image.data() + kBitmapLcn * kCluster;
    uint64_t used = kBitmapLcn + bitmapClusters;
    for (uint64_t c = 0; c < bitmapBytes * 8; c++) {
        if (c < used || c >= clusters) bitmap[c / 8] |= static_cast<uint8_t>(1u << (c % 8));
    }

    const char* names[16] = {"$MFT", "$MFTMirr", "$LogFile", "$Volume", "$AttrDef", ".", "$Bitmap", "$Boot",
                             "$BadClus", "$Secure", "$UpCase", "$Extend", nullptr, nullptr, nullptr, nullptr};
    for (uint32_t n = 0; n < kMftRecords; n++) {
        bool system = n < 16;
        bool directory = n == 5 || n == 11;
        RecordBuilder r(n, static_cast<uint16_t>(system ? kRecordInUse | (directory ? kRecordIsDirectory : 0) : 0));
        if (system) {
            r.standardInformation();
            if (names[n] != nullptr) r.fileName(names[n], directory);
        }
        switch (n) {
        case 0: {
            r.nonResident(kAttrData, kMftLcn, kMftRecords * kRecord / kCluster, kMftRecords * kRecord);
            uint8_t bits[8] = {0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0};  // 0-23: system and reserved
            r.resident(kAttrBitmap, nullptr, 0, bits, sizeof(bits));
            break;
        }
        case 1: r.nonResident(kAttrData, kMirrorLcn, 1, 4 * kRecord); break;
        case 2:
        case 4:
        case 8: r.resident(kAttrData, nullptr, 0, nullptr, 0); break;
        case 3: {
            uint16_t units[64];
            uint8_t length = 0;
            (void)utf8ToUtf16(label, std::strlen(label), units, length);
            uint8_t name[128];
            for (uint8_t i = 0; i < length; i++) put16(name + 2 * i, units[i]);
            r.resident(kAttrVolumeName, nullptr, 0, name, 2u * length);
            uint8_t info[12] = {0, 0, 0, 0, 0, 0, 0, 0, 3, 1, 0, 0};
            r.resident(kAttrVolumeInformation, nullptr, 0, info, sizeof(info));
            break;
        }
        case 5:
        case 11: r.emptyIndex(); break;
        case 6: r.nonResident(kAttrData, kBitmapLcn, bitmapClusters, bitmapBytes); break;
        case 7: r.nonResident(kAttrData, 0, 2, 2 * kCluster); break;
        case 10: r.nonResident(kAttrData, kUpcaseLcn, 32, 65536 * 2); break;
        default: break;
        }
        putRecord(image, kMftLcn * kCluster + n * kRecord, r);
        if (n < 4) putRecord(image, kMirrorLcn * kCluster + n * kRecord, r);
    }
    return image;
}

}  // namespace ntfstest
