// fs/ntfs/NtfsOnDisk: the NTFS 3.x on-disk structures as pure, bounds-checked byte code (no
// device access): multi-sector protection (the update sequence array, "fixups"), MFT record
// headers and attribute walking, editing attributes inside a record, runlists (mapping
// pairs), and UTF-16 names with $UpCase collation. Layouts follow the Linux-NTFS project's
// "NTFS Documentation" (sections "Concepts: Fixup", "File Record", "Attribute",
// "Data Runs", "Index Record", "$UpCase"). Every offset read from the disk is checked
// against the buffer it points into before use.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/ntfs/NtfsSupport.h"

namespace fs::ntfs {

constexpr uint32_t kAttrStandardInformation = 0x10;
constexpr uint32_t kAttrAttributeList = 0x20;
constexpr uint32_t kAttrFileName = 0x30;
constexpr uint32_t kAttrVolumeName = 0x60;
constexpr uint32_t kAttrVolumeInformation = 0x70;
constexpr uint32_t kAttrData = 0x80;
constexpr uint32_t kAttrIndexRoot = 0x90;
constexpr uint32_t kAttrIndexAllocation = 0xA0;
constexpr uint32_t kAttrBitmap = 0xB0;
constexpr uint32_t kAttrEnd = 0xFFFFFFFFu;

constexpr uint16_t kRecordInUse = 0x0001;
constexpr uint16_t kRecordIsDirectory = 0x0002;
constexpr uint16_t kAttrFlagCompressed = 0x0001;
constexpr uint16_t kAttrFlagEncrypted = 0x4000;
constexpr uint16_t kAttrFlagSparse = 0x8000;
constexpr uint32_t kFileAttrDirectory = 0x10000000;  // $FILE_NAME flags: has an $I30 index
constexpr uint32_t kFileAttrArchive = 0x20;
constexpr uint8_t kNamespaceDos = 2;
constexpr uint64_t kRecordNumberMask = 0x0000FFFFFFFFFFFFull;
constexpr int kMaxAttributes = 256;         // attributes in one record (a 4 KiB record holds < 170)
constexpr size_t kMaxRuns = 1u << 16;       // runs in one attribute's mapping pairs

inline uint64_t align8(uint64_t v) { return (v + 7) & ~7ull; }
inline uint64_t recordOf(uint64_t reference) { return reference & kRecordNumberMask; }
inline uint16_t sequenceOf(uint64_t reference) { return static_cast<uint16_t>(reference >> 48); }

// Update sequence ("fixups"), NTFS docs "Concepts: Fixup": the last two bytes of every
// 512-byte stride hold the update sequence number; the real bytes live in the array.
// Checks and undoes it in place; `what` names the structure in the error ("MFT record 5").
lib::ErrorOr<bool> removeFixups(uint8_t* data, size_t size, const char* magic, const char* what, uint64_t number);
// Bumps the sequence number and stores it at the end of each stride of `out` (a copy).
void applyFixups(uint8_t* out, size_t size);

// One attribute header inside a record, validated.
struct Attribute {
    uint32_t offset;        // from the record start
    uint32_t type;
    uint32_t length;
    bool nonResident;
    uint8_t nameLength;     // UTF-16 code units
    const uint8_t* name;    // UTF-16LE
    uint16_t flags;
    uint16_t id;
    // resident
    uint32_t valueLength;
    uint32_t valueOffset;   // from the attribute start
    // non-resident
    uint64_t lowestVcn;
    uint64_t highestVcn;
    uint32_t runsOffset;    // from the attribute start
    uint64_t allocatedSize;
    uint64_t dataSize;
    uint64_t initializedSize;
};

// Checks a record header ("FILE", fixups already removed): first attribute offset, bytes in
// use and allocated, record number (NTFS 3.1 records carry their own number).
lib::ErrorOr<bool> checkRecordHeader(const uint8_t* record, size_t size, uint64_t number);
// Walks the attributes of a checked record. next() returns false at the end marker.
class AttributeWalker {
public:
    AttributeWalker(const uint8_t* record, size_t size, uint64_t number);
    lib::ErrorOr<bool> next(Attribute& out);

private:
    const uint8_t* m_record;
    size_t m_size;
    uint64_t m_number;
    uint32_t m_offset;
    uint32_t m_used;
    int m_count = 0;
};
// Finds the first attribute of `type` with this name (nameLength 0 = unnamed); false if none.
lib::ErrorOr<bool> findAttribute(const uint8_t* record, size_t size, uint64_t number, uint32_t type,
                                 const uint8_t* name, uint8_t nameLength, Attribute& out);

// True when the record has an $ATTRIBUTE_LIST: its attributes are then referenced by id
// from the list, which must be rewritten after adding, removing or re-inserting one.
lib::ErrorOr<bool> hasAttributeList(const uint8_t* record, size_t size, uint64_t number);

// Record editing (the record buffer is `size` bytes; bytes in use grow or shrink).
// Inserts a whole attribute (header + value, length a multiple of 8) at its sorted place
// (by type, then name); sets its id. NoSpace when it does not fit.
lib::ErrorOr<uint32_t> insertAttribute(uint8_t* record, size_t size, const uint8_t* attribute, uint32_t length);
void removeAttribute(uint8_t* record, uint32_t offset);
// Changes an attribute's length (multiple of 8), moving what follows. NoSpace if too big.
lib::ErrorOr<bool> resizeAttribute(uint8_t* record, size_t size, uint32_t offset, uint32_t newLength);
// Sets a resident attribute's value (resizing it).
lib::ErrorOr<bool> setResidentValue(uint8_t* record, size_t size, uint32_t offset, const uint8_t* value, uint32_t length);
// Builds a resident attribute into out (capacity >= 0x18 + 2*nameLength + align8(length) + 8).
uint32_t buildResident(uint8_t* out, uint32_t type, const uint8_t* name, uint8_t nameLength,
                       const uint8_t* value, uint32_t length, bool indexed);

// A run of clusters: `length` clusters from VCN `vcn` at LCN `lcn` (sparse: no clusters).
struct Run {
    uint64_t vcn;
    uint64_t lcn;
    uint64_t length;
    bool sparse;
};
// Decodes mapping pairs (NTFS docs "Data Runs": a header byte of length/offset sizes, an
// unsigned length, a signed LCN delta; a zero offset size is sparse). LCNs must lie in
// [0, totalClusters); appends to `runs`.
lib::ErrorOr<bool> decodeRuns(const uint8_t* data, size_t size, uint64_t startVcn, uint64_t totalClusters,
                              Vec<Run>& runs, uint64_t number);
// Encodes runs (from index `first`); returns the bytes written including the terminator,
// or 0 if they do not fit in `capacity`.
size_t encodeRuns(const Vec<Run>& runs, size_t first, uint8_t* out, size_t capacity);
// Encodes as many whole runs from `first` as fit (one piece of an attribute split by VCN
// range); `next` is the first run left out. Returns the bytes written with the terminator
// (0 only when capacity is 0).
size_t encodeRunsUpTo(const Vec<Run>& runs, size_t first, uint8_t* out, size_t capacity, size_t& next);

// UTF-8 path component to UTF-16 units (surrogate pairs for non-BMP); false if invalid or
// longer than 255 units.
bool utf8ToUtf16(const char* text, size_t length, uint16_t* out, uint8_t& outLength);
// UTF-16LE name bytes to NUL-terminated UTF-8 (capacity includes the NUL).
void utf16ToUtf8(const uint8_t* name, uint8_t length, char* out, size_t capacity);
// $UpCase collation (NTFS docs "$UpCase", COLLATION_FILE_NAME): compare upper-cased code
// units; `upcase` has 65536 entries (little-endian bytes).
int compareNames(const uint16_t* a, uint8_t aLength, const uint8_t* bBytes, uint8_t bLength, const uint8_t* upcase);

// NTFS time: 100 ns units since 1601-01-01 UTC.
inline uint64_t ntfsTimeFromUnix(uint64_t seconds) { return (seconds + 11644473600ull) * 10000000ull; }
inline uint64_t unixFromNtfsTime(uint64_t t) {
    uint64_t s = t / 10000000ull;
    return s > 11644473600ull ? s - 11644473600ull : 0;
}

}  // namespace fs::ntfs
