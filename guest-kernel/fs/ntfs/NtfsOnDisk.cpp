// fs/ntfs/NtfsOnDisk: pure parsing and editing of NTFS structures (see the header).
#include "fs/ntfs/NtfsOnDisk.h"

namespace fs::ntfs {

lib::ErrorOr<bool> removeFixups(uint8_t* data, size_t size, const char* magic, const char* what, uint64_t number) {
    if (size < 512 || size % 512 != 0) return corrupt("ntfs: %s %llu: bad size", what, (unsigned long long)number);
    if (memcmp(data, magic, 4) != 0) return corrupt("ntfs: %s %llu: bad magic", what, (unsigned long long)number);
    uint16_t usaOffset = le16(data + 4);
    uint16_t usaCount = le16(data + 6);
    size_t strides = size / 512;
    if (usaCount != strides + 1 || usaOffset < 0x28 || usaOffset % 2 != 0 ||
        usaOffset + 2u * usaCount > 512) {
        return corrupt("ntfs: %s %llu: bad fixup array", what, (unsigned long long)number);
    }
    uint16_t usn = le16(data + usaOffset);
    for (size_t i = 0; i < strides; i++) {
        uint8_t* tail = data + (i + 1) * 512 - 2;
        if (le16(tail) != usn) return corrupt("ntfs: %s %llu: bad fixup", what, (unsigned long long)number);
    }
    for (size_t i = 0; i < strides; i++) {
        uint8_t* tail = data + (i + 1) * 512 - 2;
        memcpy(tail, data + usaOffset + 2 + 2 * i, 2);
    }
    return true;
}

void applyFixups(uint8_t* out, size_t size) {
    uint16_t usaOffset = le16(out + 4);
    uint16_t usn = static_cast<uint16_t>(le16(out + usaOffset) + 1);
    if (usn == 0 || usn == 0xFFFF) usn = 1;  // 0 and 0xFFFF are never used as sequence numbers
    put16(out + usaOffset, usn);
    for (size_t i = 0; i < size / 512; i++) {
        uint8_t* tail = out + (i + 1) * 512 - 2;
        memcpy(out + usaOffset + 2 + 2 * i, tail, 2);
        put16(tail, usn);
    }
}

lib::ErrorOr<bool> checkRecordHeader(const uint8_t* record, size_t size, uint64_t number) {
    uint16_t firstAttribute = le16(record + 0x14);
    uint32_t used = le32(record + 0x18);
    uint32_t allocated = le32(record + 0x1C);
    uint16_t usaOffset = le16(record + 4);
    if (allocated != size || used > size || firstAttribute % 8 != 0 || firstAttribute < usaOffset ||
        static_cast<uint32_t>(firstAttribute) + 8 > used) {
        return corrupt("ntfs: MFT record %llu: bad header", (unsigned long long)number);
    }
    // NTFS 3.1 records store their own number at 0x2C (the array starts at 0x30).
    if (usaOffset >= 0x30 && le32(record + 0x2C) != static_cast<uint32_t>(number)) {
        return corrupt("ntfs: MFT record %llu: wrong record number", (unsigned long long)number);
    }
    return true;
}

AttributeWalker::AttributeWalker(const uint8_t* record, size_t size, uint64_t number)
    : m_record(record), m_size(size), m_number(number), m_offset(le16(record + 0x14)), m_used(le32(record + 0x18)) {}

lib::ErrorOr<bool> AttributeWalker::next(Attribute& a) {
    unsigned long long n = m_number;
    if (m_used > m_size || m_offset + 4 > m_used) return corrupt("ntfs: MFT record %llu: attributes overrun", n);
    const uint8_t* p = m_record + m_offset;
    uint32_t type = le32(p);
    if (type == kAttrEnd) return false;
    if (++m_count > kMaxAttributes) return corrupt("ntfs: MFT record %llu: too many attributes", n);
    if (m_offset + 0x18 > m_used) return corrupt("ntfs: MFT record %llu: attribute overruns record", n);
    uint32_t length = le32(p + 4);
    if (length < 0x18 || length % 8 != 0 || length > m_used - m_offset) {
        return corrupt("ntfs: MFT record %llu: bad attribute length", n);
    }
    a.offset = m_offset;
    a.type = type;
    a.length = length;
    a.nonResident = p[8] != 0;
    a.nameLength = p[9];
    uint16_t nameOffset = le16(p + 0x0A);
    a.flags = le16(p + 0x0C);
    a.id = le16(p + 0x0E);
    if (a.nameLength != 0 && nameOffset + 2u * a.nameLength > length) {
        return corrupt("ntfs: MFT record %llu: bad attribute name", n);
    }
    a.name = p + nameOffset;
    a.valueLength = a.valueOffset = a.runsOffset = 0;
    a.lowestVcn = a.highestVcn = a.allocatedSize = a.dataSize = a.initializedSize = 0;
    if (!a.nonResident) {
        a.valueLength = le32(p + 0x10);
        a.valueOffset = le16(p + 0x14);
        if (a.valueOffset < 0x18 || static_cast<uint64_t>(a.valueOffset) + a.valueLength > length) {
            return corrupt("ntfs: MFT record %llu: bad resident value", n);
        }
    } else {
        if (length < 0x40) return corrupt("ntfs: MFT record %llu: bad non-resident header", n);
        a.lowestVcn = le64(p + 0x10);
        a.highestVcn = le64(p + 0x18);
        a.runsOffset = le16(p + 0x20);
        a.allocatedSize = le64(p + 0x28);
        a.dataSize = le64(p + 0x30);
        a.initializedSize = le64(p + 0x38);
        if (a.runsOffset < 0x40 || a.runsOffset >= length || a.highestVcn + 1 < a.lowestVcn ||
            a.dataSize > a.allocatedSize || a.initializedSize > a.allocatedSize || (a.allocatedSize >> 62) != 0) {
            return corrupt("ntfs: MFT record %llu: bad non-resident attribute", n);
        }
    }
    m_offset += length;
    return true;
}

static bool sameName(const Attribute& a, const uint8_t* name, uint8_t nameLength) {
    return a.nameLength == nameLength && (nameLength == 0 || memcmp(a.name, name, 2u * nameLength) == 0);
}

lib::ErrorOr<bool> findAttribute(const uint8_t* record, size_t size, uint64_t number, uint32_t type,
                                 const uint8_t* name, uint8_t nameLength, Attribute& out) {
    AttributeWalker walker(record, size, number);
    Attribute a;
    while (TRY(walker.next(a))) {
        if (a.type == type && sameName(a, name, nameLength)) {
            out = a;
            return true;
        }
    }
    return false;
}

lib::ErrorOr<bool> hasAttributeList(const uint8_t* record, size_t size, uint64_t number) {
    Attribute a;
    return findAttribute(record, size, number, kAttrAttributeList, nullptr, 0, a);
}

static lib::Error recordFull() { return lib::Error::from(lib::ErrorCode::NoSpace, "ntfs: MFT record full"); }

lib::ErrorOr<uint32_t> insertAttribute(uint8_t* record, size_t size, const uint8_t* attribute, uint32_t length) {
    uint32_t used = le32(record + 0x18);
    if (used + length > size) return recordFull();
    uint32_t type = le32(attribute);
    // Attributes are kept sorted by type (then name; we add at most one of each name).
    uint32_t offset = le16(record + 0x14);
    for (int i = 0; i < kMaxAttributes && offset + 8 <= used; i++) {
        uint32_t t = le32(record + offset);
        if (t == kAttrEnd || t > type) break;
        uint32_t l = le32(record + offset + 4);
        if (l == 0) break;
        offset += l;
    }
    memmove(record + offset + length, record + offset, used - offset);
    memcpy(record + offset, attribute, length);
    uint16_t id = le16(record + 0x28);
    put16(record + offset + 0x0E, id);
    put16(record + 0x28, static_cast<uint16_t>(id + 1));
    put32(record + 0x18, used + length);
    return offset;
}

void removeAttribute(uint8_t* record, uint32_t offset) {
    uint32_t used = le32(record + 0x18);
    uint32_t length = le32(record + offset + 4);
    memmove(record + offset, record + offset + length, used - offset - length);
    put32(record + 0x18, used - length);
}

lib::ErrorOr<bool> resizeAttribute(uint8_t* record, size_t size, uint32_t offset, uint32_t newLength) {
    uint32_t used = le32(record + 0x18);
    uint32_t length = le32(record + offset + 4);
    if (used - length + newLength > size) return recordFull();
    memmove(record + offset + newLength, record + offset + length, used - offset - length);
    if (newLength > length) memset(record + offset + length, 0, newLength - length);
    put32(record + offset + 4, newLength);
    put32(record + 0x18, used - length + newLength);
    return true;
}

lib::ErrorOr<bool> setResidentValue(uint8_t* record, size_t size, uint32_t offset, const uint8_t* value, uint32_t length) {
    uint16_t valueOffset = le16(record + offset + 0x14);
    TRY(resizeAttribute(record, size, offset, static_cast<uint32_t>(align8(valueOffset + length))));
    if (value != nullptr) memmove(record + offset + valueOffset, value, length);
    put32(record + offset + 0x10, length);
    return true;
}

uint32_t buildResident(uint8_t* out, uint32_t type, const uint8_t* name, uint8_t nameLength,
                       const uint8_t* value, uint32_t length, bool indexed) {
    uint32_t valueOffset = static_cast<uint32_t>(align8(0x18 + 2u * nameLength));
    uint32_t total = static_cast<uint32_t>(align8(valueOffset + length));
    memset(out, 0, total);
    put32(out, type);
    put32(out + 4, total);
    out[9] = nameLength;
    put16(out + 0x0A, 0x18);
    if (nameLength != 0) memcpy(out + 0x18, name, 2u * nameLength);
    put32(out + 0x10, length);
    put16(out + 0x14, static_cast<uint16_t>(valueOffset));
    out[0x16] = indexed ? 1 : 0;
    if (length != 0) memcpy(out + valueOffset, value, length);
    return total;
}

lib::ErrorOr<bool> decodeRuns(const uint8_t* data, size_t size, uint64_t startVcn, uint64_t totalClusters,
                              Vec<Run>& runs, uint64_t number) {
    unsigned long long n = number;
    size_t pos = 0;
    uint64_t vcn = startVcn;
    int64_t lcn = 0;
    for (size_t count = 0;; count++) {
        if (pos >= size) return corrupt("ntfs: MFT record %llu: runlist overruns attribute", n);
        uint8_t header = data[pos++];
        if (header == 0) return true;
        if (count >= kMaxRuns) return corrupt("ntfs: MFT record %llu: runlist too long", n);
        unsigned lengthSize = header & 0x0F;
        unsigned offsetSize = header >> 4;
        if (lengthSize == 0 || lengthSize > 8 || offsetSize > 8 || pos + lengthSize + offsetSize > size) {
            return corrupt("ntfs: MFT record %llu: bad runlist", n);
        }
        uint64_t length = 0;
        for (unsigned i = 0; i < lengthSize; i++) length |= static_cast<uint64_t>(data[pos + i]) << (8 * i);
        pos += lengthSize;
        if (length == 0 || length > totalClusters || vcn + length < vcn) {
            return corrupt("ntfs: MFT record %llu: bad run length", n);
        }
        Run run{vcn, 0, length, offsetSize == 0};
        if (offsetSize != 0) {
            uint64_t delta = 0;
            for (unsigned i = 0; i < offsetSize; i++) delta |= static_cast<uint64_t>(data[pos + i]) << (8 * i);
            if (offsetSize < 8 && (data[pos + offsetSize - 1] & 0x80) != 0) delta |= ~0ull << (8 * offsetSize);
            pos += offsetSize;
            lcn = static_cast<int64_t>(static_cast<uint64_t>(lcn) + delta);
            if (lcn < 0 || static_cast<uint64_t>(lcn) >= totalClusters ||
                length > totalClusters - static_cast<uint64_t>(lcn)) {
                return corrupt("ntfs: MFT record %llu: run outside the volume", n);
            }
            run.lcn = static_cast<uint64_t>(lcn);
        }
        if (!runs.push(run)) return noMemory();
        vcn += length;
    }
}

static unsigned unsignedBytes(uint64_t v) {
    unsigned n = 1;
    while (n < 8 && (v >> (8 * n)) != 0) n++;
    return n;
}

static unsigned signedBytes(int64_t v) {
    unsigned n = 1;
    while (n < 8) {
        int64_t lo = -(static_cast<int64_t>(1) << (8 * n - 1));
        int64_t hi = (static_cast<int64_t>(1) << (8 * n - 1)) - 1;
        if (v >= lo && v <= hi) break;
        n++;
    }
    return n;
}

size_t encodeRunsUpTo(const Vec<Run>& runs, size_t first, uint8_t* out, size_t capacity, size_t& next) {
    size_t pos = 0;
    int64_t lcn = 0;
    next = first;
    if (capacity == 0) return 0;
    capacity--;  // room for the terminator
    for (size_t i = first; i < runs.size(); i++) {
        const Run& r = runs[i];
        unsigned ls = unsignedBytes(r.length);
        unsigned os = 0;
        int64_t delta = 0;
        if (!r.sparse) {
            delta = static_cast<int64_t>(r.lcn) - lcn;
            os = signedBytes(delta);
        }
        if (pos + 1 + ls + os > capacity) break;
        if (!r.sparse) lcn = static_cast<int64_t>(r.lcn);
        out[pos++] = static_cast<uint8_t>(ls | (os << 4));
        for (unsigned b = 0; b < ls; b++) out[pos++] = static_cast<uint8_t>(r.length >> (8 * b));
        for (unsigned b = 0; b < os; b++) out[pos++] = static_cast<uint8_t>(static_cast<uint64_t>(delta) >> (8 * b));
        next = i + 1;
    }
    out[pos++] = 0;
    return pos;
}

size_t encodeRuns(const Vec<Run>& runs, size_t first, uint8_t* out, size_t capacity) {
    size_t next = first;
    size_t length = encodeRunsUpTo(runs, first, out, capacity, next);
    return next == runs.size() || first >= runs.size() ? length : 0;
}

bool utf8ToUtf16(const char* text, size_t length, uint16_t* out, uint8_t& outLength) {
    size_t n = 0;
    size_t i = 0;
    const uint8_t* s = reinterpret_cast<const uint8_t*>(text);
    while (i < length) {
        uint32_t c = s[i];
        size_t extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 9;
        if (extra == 9) return false;
        if (extra != 0) c &= 0x3F >> extra;
        for (size_t k = 1; k <= extra; k++) {
            if (i + k >= length || (s[i + k] & 0xC0) != 0x80) return false;
            c = (c << 6) | (s[i + k] & 0x3F);
        }
        i += extra + 1;
        if (c >= 0x10000) {
            if (c > 0x10FFFF || n + 2 > 255) return false;
            c -= 0x10000;
            out[n++] = static_cast<uint16_t>(0xD800 | (c >> 10));
            out[n++] = static_cast<uint16_t>(0xDC00 | (c & 0x3FF));
        } else {
            if (n + 1 > 255) return false;
            out[n++] = static_cast<uint16_t>(c);
        }
    }
    outLength = static_cast<uint8_t>(n);
    return true;
}

void utf16ToUtf8(const uint8_t* name, uint8_t length, char* out, size_t capacity) {
    size_t pos = 0;
    for (size_t i = 0; i < length; i++) {
        uint32_t c = le16(name + 2 * i);
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < length) {
            uint32_t low = le16(name + 2 * (i + 1));
            if (low >= 0xDC00 && low < 0xE000) {
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                i++;
            }
        }
        uint8_t bytes[4];
        size_t count;
        if (c < 0x80) {
            bytes[0] = static_cast<uint8_t>(c);
            count = 1;
        } else if (c < 0x800) {
            bytes[0] = static_cast<uint8_t>(0xC0 | (c >> 6));
            bytes[1] = static_cast<uint8_t>(0x80 | (c & 0x3F));
            count = 2;
        } else if (c < 0x10000) {
            bytes[0] = static_cast<uint8_t>(0xE0 | (c >> 12));
            bytes[1] = static_cast<uint8_t>(0x80 | ((c >> 6) & 0x3F));
            bytes[2] = static_cast<uint8_t>(0x80 | (c & 0x3F));
            count = 3;
        } else {
            bytes[0] = static_cast<uint8_t>(0xF0 | (c >> 18));
            bytes[1] = static_cast<uint8_t>(0x80 | ((c >> 12) & 0x3F));
            bytes[2] = static_cast<uint8_t>(0x80 | ((c >> 6) & 0x3F));
            bytes[3] = static_cast<uint8_t>(0x80 | (c & 0x3F));
            count = 4;
        }
        if (pos + count + 1 > capacity) break;
        memcpy(out + pos, bytes, count);
        pos += count;
    }
    if (capacity != 0) out[pos] = '\0';
}

int compareNames(const uint16_t* a, uint8_t aLength, const uint8_t* bBytes, uint8_t bLength, const uint8_t* upcase) {
    uint8_t shortest = aLength < bLength ? aLength : bLength;
    for (uint8_t i = 0; i < shortest; i++) {
        uint16_t x = le16(upcase + 2u * a[i]);
        uint16_t y = le16(upcase + 2u * le16(bBytes + 2 * i));
        if (x != y) return x < y ? -1 : 1;
    }
    if (aLength != bLength) return aLength < bLength ? -1 : 1;
    return 0;
}

}  // namespace fs::ntfs
