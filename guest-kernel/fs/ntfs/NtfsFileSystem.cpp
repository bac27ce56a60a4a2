// fs/ntfs/NtfsFileSystem: path-level NTFS operations on top of Volume and DirectoryIndex.
#include "fs/ntfs/NtfsFileSystem.h"

#include "fs/ntfs/NtfsIndex.h"

namespace fs::ntfs {

namespace {

constexpr int kMaxComponents = 64;
// A resident $FILE_NAME with a 255-unit name: header, 0x42 fixed bytes, the name, padding.
constexpr size_t kMaxFileNameAttribute = 0x18 + 0x42 + 2 * 255 + 8;
constexpr uint64_t kDefaultTime = 1767225600;  // 2026-01-01 until the kernel sets a clock
uint64_t (*g_clock)() = nullptr;

lib::Error notFound() { return lib::Error::from(lib::ErrorCode::NotFound, "ntfs: no such file or directory"); }

// Win32 names (namespace 1) may not hold these; anything else is stored as a POSIX name.
uint8_t nameSpaceFor(const uint16_t* name, uint8_t length) {
    for (uint8_t i = 0; i < length; i++) {
        uint16_t c = name[i];
        if (c < 0x20 || c == '"' || c == '*' || c == ':' || c == '<' || c == '>' || c == '?' || c == '\\' || c == '|') {
            return 0;
        }
    }
    return (name[length - 1] == '.' || name[length - 1] == ' ') ? 0 : 1;
}

struct Component {
    const char* text;
    size_t length;
};

}  // namespace

void NtfsFileSystem::setClock(uint64_t (*nowUnixSeconds)()) { g_clock = nowUnixSeconds; }

uint64_t NtfsFileSystem::now() const { return g_clock != nullptr ? g_clock() : kDefaultTime; }

lib::ErrorOr<fs::FileSystem*> NtfsFileSystem::mount(storage::BlockDevice& device) {
    NtfsFileSystem* fs = new (Allocate{}) NtfsFileSystem();
    if (fs == nullptr) return noMemory();
    auto opened = fs->m_volume.open(device);
    if (opened.isError()) {
        delete fs;
        return opened.releaseError();
    }
    return static_cast<fs::FileSystem*>(fs);
}

lib::ErrorOr<bool> NtfsFileSystem::openRecord(uint64_t reference, Buffer& record) {
    uint64_t number = recordOf(reference);
    TRY(m_volume.readRecord(number, record));
    const uint8_t* r = record.data();
    if ((le16(r + 0x16) & kRecordInUse) == 0 || le64(r + 0x20) != 0 ||
        (sequenceOf(reference) != 0 && sequenceOf(reference) != le16(r + 0x10))) {
        return corrupt("ntfs: MFT record %llu: stale directory entry", static_cast<unsigned long long>(number));
    }
    return true;
}

lib::ErrorOr<bool> NtfsFileSystem::locate(const char* path, Located& out, bool mustExist, bool storedName) {
    if (path == nullptr || path[0] != '/') return lib::Error::from(lib::ErrorCode::InvalidArgument, "ntfs: path not absolute");
    Component parts[kMaxComponents];
    int count = 0;
    for (const char* p = path; *p != '\0';) {
        while (*p == '/') p++;
        const char* start = p;
        while (*p != '\0' && *p != '/') p++;
        size_t length = static_cast<size_t>(p - start);
        if (length == 0 || (length == 1 && start[0] == '.')) continue;
        if (length == 2 && start[0] == '.' && start[1] == '.') {
            if (count > 0) count--;
            continue;
        }
        if (count == kMaxComponents) return lib::Error::from(lib::ErrorCode::InvalidArgument, "ntfs: path too deep");
        parts[count++] = Component{start, length};
    }
    uint64_t current = kRecordRoot;
    out.reference = kRecordRoot;
    out.parent = kRecordRoot;
    out.nameLength = 0;
    for (int i = 0; i < count; i++) {
        if (!utf8ToUtf16(parts[i].text, parts[i].length, out.name, out.nameLength) || out.nameLength == 0) {
            return lib::Error::from(lib::ErrorCode::InvalidArgument, "ntfs: bad file name");
        }
        DirectoryIndex index(m_volume, recordOf(current));
        auto loaded = index.load();
        if (loaded.isError()) {
            if (loaded.error().code() == lib::ErrorCode::NotDirectory) {
                return lib::Error::from(lib::ErrorCode::NotDirectory, "ntfs: not a directory");
            }
            return loaded.releaseError();
        }
        uint64_t reference = 0;
        Buffer key;
        bool found = TRY(index.find(out.name, out.nameLength, reference, &key));
        if (found && storedName) {
            // Report the name as stored (the lookup ignored case).
            out.nameLength = key.data()[0x40];
            for (uint8_t k = 0; k < out.nameLength; k++) out.name[k] = le16(key.data() + 0x42 + 2 * k);
        }
        out.parent = current;
        if (!found) {
            if (i + 1 < count || mustExist) return notFound();
            out.reference = 0;
            return true;
        }
        current = reference;
        out.reference = reference;
    }
    return true;
}

lib::ErrorOr<bool> NtfsFileSystem::fillEntry(const uint8_t* record, uint64_t number, DirEntry& entry) {
    uint32_t recordSize = m_volume.recordSize();
    entry.directory = (le16(record + 0x16) & kRecordIsDirectory) != 0;
    entry.size = 0;
    if (!entry.directory) {
        Stream data;
        if (TRY(m_volume.openStream(record, number, kAttrData, nullptr, 0, data))) entry.size = data.dataSize;
    }
    entry.created = entry.modified = 0;
    Attribute si;
    if (TRY(findAttribute(record, recordSize, number, kAttrStandardInformation, nullptr, 0, si)) && !si.nonResident &&
        si.valueLength >= 0x20) {
        const uint8_t* v = record + si.offset + si.valueOffset;
        entry.created = unixFromNtfsTime(le64(v));
        entry.modified = unixFromNtfsTime(le64(v + 8));
    }
    return true;
}

lib::ErrorOr<bool> NtfsFileSystem::openEntry(uint64_t reference, Buffer& record, DirEntry& entry) {
    TRY(openRecord(reference, record));
    return fillEntry(record.data(), recordOf(reference), entry);
}

lib::ErrorOr<DirEntry> NtfsFileSystem::stat(const char* path) {
    Located at;
    TRY(locate(path, at, true, true));
    Buffer record;
    TRY(openRecord(at.reference, record));
    DirEntry entry;
    memset(&entry, 0, sizeof(entry));
    TRY(fillEntry(record.data(), recordOf(at.reference), entry));
    if (at.nameLength == 0) {
        entry.name[0] = '/';
        entry.name[1] = '\0';
    } else {
        uint8_t bytes[510];
        for (uint8_t i = 0; i < at.nameLength; i++) put16(bytes + 2 * i, at.name[i]);
        utf16ToUtf8(bytes, at.nameLength, entry.name, sizeof(entry.name));
    }
    return entry;
}

lib::ErrorOr<bool> NtfsFileSystem::list(const char* directory, ListCallback callback, void* context) {
    Located at;
    TRY(locate(directory, at, true));
    DirectoryIndex index(m_volume, recordOf(at.reference));
    TRY(index.load());
    struct Walk {
        NtfsFileSystem* self;
        bool root;
        ListCallback callback;
        void* context;
        bool failed;
        lib::Error error;
    } walk{this, recordOf(at.reference) == kRecordRoot, callback, context, false,
           lib::Error::from(lib::ErrorCode::IoError, "")};
    TRY(index.walk([](const IndexEntry& e, void* c) -> bool {
        Walk& w = *static_cast<Walk*>(c);
        uint64_t number = recordOf(e.reference);
        if (e.key[0x41] == kNamespaceDos) return true;              // the 8.3 alias of a long name
        if (w.root && number < kFirstUserRecord - 8) return true;   // $MFT ... $Extend and "."
        Buffer record;
        DirEntry entry;
        memset(&entry, 0, sizeof(entry));
        auto opened = w.self->openEntry(e.reference, record, entry);
        if (opened.isError()) {
            w.failed = true;
            w.error = opened.releaseError();
            return false;
        }
        utf16ToUtf8(e.key + 0x42, e.key[0x40], entry.name, sizeof(entry.name));
        return w.callback(entry, w.context);
    }, &walk));
    if (walk.failed) return walk.error;
    return true;
}

lib::ErrorOr<size_t> NtfsFileSystem::read(const char* path, uint64_t offset, void* buffer, size_t length) {
    Located at;
    TRY(locate(path, at, true));
    Buffer record;
    TRY(openRecord(at.reference, record));
    if ((le16(record.data() + 0x16) & kRecordIsDirectory) != 0) {
        return lib::Error::from(lib::ErrorCode::IsDirectory, "ntfs: is a directory");
    }
    Stream data;
    if (!TRY(m_volume.openStream(record.data(), recordOf(at.reference), kAttrData, nullptr, 0, data))) {
        return static_cast<size_t>(0);
    }
    if (offset >= data.dataSize) return static_cast<size_t>(0);
    size_t n = data.dataSize - offset < length ? static_cast<size_t>(data.dataSize - offset) : length;
    TRY(m_volume.readStream(data, offset, buffer, n));
    return n;
}

lib::ErrorOr<bool> NtfsFileSystem::markDirty() {
    if (!m_dirty) {
        TRY(m_volume.setDirty(true));
        m_dirty = true;
    }
    return true;
}

lib::ErrorOr<bool> NtfsFileSystem::updateTimes(uint8_t* record, uint64_t number, uint64_t modified, bool writeIt) {
    Attribute si;
    if (TRY(findAttribute(record, m_volume.recordSize(), number, kAttrStandardInformation, nullptr, 0, si)) &&
        !si.nonResident && si.valueLength >= 0x20) {
        uint8_t* v = record + si.offset + si.valueOffset;
        uint64_t t = ntfsTimeFromUnix(now());
        if (modified != 0) put64(v + 0x08, modified);
        put64(v + 0x10, t);
        put64(v + 0x18, t);
    }
    if (writeIt) TRY(m_volume.writeRecord(number, record));
    return true;
}

lib::ErrorOr<bool> NtfsFileSystem::refreshIndexEntry(uint8_t* record, uint64_t number) {
    // The directory entry duplicates the times and sizes (NTFS docs "$FILE_NAME"); keep
    // them current so other implementations' listings agree.
    uint32_t recordSize = m_volume.recordSize();
    AttributeWalker walker(record, recordSize, number);
    Attribute a;
    while (TRY(walker.next(a))) {
        if (a.type != kAttrFileName || a.nonResident || a.valueLength < 0x42) continue;
        const uint8_t* value = record + a.offset + a.valueOffset;
        if (value[0x41] == kNamespaceDos || 0x42u + 2u * value[0x40] > a.valueLength) continue;
        Buffer key(a.valueLength);
        if (!key.ok()) return noMemory();
        memcpy(key.data(), value, a.valueLength);
        Stream data;
        if (TRY(m_volume.openStream(record, number, kAttrData, nullptr, 0, data))) {
            put64(key.data() + 0x28, data.allocatedSize);
            put64(key.data() + 0x30, data.dataSize);
        }
        Attribute si;
        if (TRY(findAttribute(record, recordSize, number, kAttrStandardInformation, nullptr, 0, si)) &&
            si.valueLength >= 0x20) {
            memcpy(key.data() + 0x08, record + si.offset + si.valueOffset, 0x20);
        }
        uint16_t name[255];
        uint8_t length = value[0x40];
        for (uint8_t i = 0; i < length; i++) name[i] = le16(value + 0x42 + 2 * i);
        DirectoryIndex index(m_volume, recordOf(le64(value)));
        TRY(index.load());
        return index.replaceKey(name, length, key.data(), static_cast<uint16_t>(key.size()));
    }
    return true;
}

lib::ErrorOr<size_t> NtfsFileSystem::write(const char* path, uint64_t offset, const void* buffer, size_t length) {
    Located at;
    TRY(locate(path, at, false));
    if (at.reference == 0) {
        TRY(create(path, false));
        TRY(locate(path, at, true));
    }
    Buffer record;
    TRY(openRecord(at.reference, record));
    uint64_t number = recordOf(at.reference);
    if ((le16(record.data() + 0x16) & kRecordIsDirectory) != 0) {
        return lib::Error::from(lib::ErrorCode::IsDirectory, "ntfs: is a directory");
    }
    if (length == 0) return static_cast<size_t>(0);
    TRY(markDirty());
    Stream before;
    if (!TRY(m_volume.openStream(record.data(), number, kAttrData, nullptr, 0, before))) {
        return lib::Error::from(lib::ErrorCode::Unsupported, "ntfs: file has no data stream");
    }
    TRY(updateTimes(record.data(), number, ntfsTimeFromUnix(now()), false));
    TRY(m_volume.writeStream(record.data(), number, kAttrData, nullptr, 0, offset, buffer, length));
    TRY(m_volume.writeRecord(number, record.data()));
    if (offset + length > before.dataSize) TRY(refreshIndexEntry(record.data(), number));
    return length;
}

lib::ErrorOr<bool> NtfsFileSystem::truncate(const char* path, uint64_t length) {
    Located at;
    TRY(locate(path, at, true));
    Buffer record;
    TRY(openRecord(at.reference, record));
    uint64_t number = recordOf(at.reference);
    if ((le16(record.data() + 0x16) & kRecordIsDirectory) != 0) {
        return lib::Error::from(lib::ErrorCode::IsDirectory, "ntfs: is a directory");
    }
    TRY(markDirty());
    TRY(updateTimes(record.data(), number, ntfsTimeFromUnix(now()), false));
    TRY(m_volume.setStreamSize(record.data(), number, kAttrData, nullptr, 0, length, false));
    TRY(m_volume.writeRecord(number, record.data()));
    TRY(refreshIndexEntry(record.data(), number));
    return true;
}

lib::ErrorOr<bool> NtfsFileSystem::create(const char* path, bool directory) {
    Located at;
    TRY(locate(path, at, false));
    if (at.nameLength == 0 || at.reference != 0) return lib::Error::from(lib::ErrorCode::Exists, "ntfs: file exists");
    uint32_t recordSize = m_volume.recordSize();
    Buffer parent;
    TRY(openRecord(at.parent, parent));
    uint64_t parentNumber = recordOf(at.parent);
    uint64_t parentReference = parentNumber | (static_cast<uint64_t>(le16(parent.data() + 0x10)) << 48);
    uint32_t securityId = 0;
    Attribute a;
    if (TRY(findAttribute(parent.data(), recordSize, parentNumber, kAttrStandardInformation, nullptr, 0, a)) &&
        !a.nonResident && a.valueLength >= 0x38) {
        securityId = le32(parent.data() + a.offset + a.valueOffset + 0x34);
    }
    uint8_t rootHeader[16];
    if (!TRY(findAttribute(parent.data(), recordSize, parentNumber, kAttrIndexRoot, kNameI30, kNameI30Length, a)) ||
        a.nonResident || a.valueLength < 16) {
        return corrupt("ntfs: MFT record %llu: no $INDEX_ROOT", static_cast<unsigned long long>(parentNumber));
    }
    memcpy(rootHeader, parent.data() + a.offset + a.valueOffset, 16);
    TRY(markDirty());

    Buffer record;
    uint64_t number = TRY(m_volume.allocateRecord(directory, record));
    auto done = fillNewRecord(record.data(), number, directory, securityId, rootHeader, parentReference, at);
    if (done.isError()) {
        (void)m_volume.freeRecord(number);
        return done.releaseError();
    }
    return true;
}

lib::ErrorOr<bool> NtfsFileSystem::fillNewRecord(uint8_t* record, uint64_t number, bool directory, uint32_t securityId,
                                                 const uint8_t* rootHeader, uint64_t parentReference, const Located& at) {
    uint32_t recordSize = m_volume.recordSize();
    uint64_t reference = number | (static_cast<uint64_t>(le16(record + 0x10)) << 48);
    uint64_t t = ntfsTimeFromUnix(now());
    uint8_t attribute[kMaxFileNameAttribute];
    // $STANDARD_INFORMATION (NTFS 3.x: 0x48 bytes, with the security id shared through $Secure).
    uint8_t si[0x48] = {};
    for (int i = 0; i < 4; i++) put64(si + 8 * i, t);
    put32(si + 0x20, directory ? 0 : kFileAttrArchive);
    put32(si + 0x34, securityId);
    uint32_t length = buildResident(attribute, kAttrStandardInformation, nullptr, 0, si, sizeof(si), false);
    TRY(insertAttribute(record, recordSize, attribute, length));
    uint8_t key[0x42 + 2 * 255];
    uint16_t keyLength = buildFileName(key, parentReference, t, 0, 0, directory ? kFileAttrDirectory : kFileAttrArchive,
                                       at.name, at.nameLength, nameSpaceFor(at.name, at.nameLength));
    length = buildResident(attribute, kAttrFileName, nullptr, 0, key, keyLength, true);
    TRY(insertAttribute(record, recordSize, attribute, length));
    if (directory) {
        uint8_t root[0x30] = {};
        memcpy(root, rootHeader, 16);
        put32(root + 0x10, 0x10);  // entries start after the index header
        put32(root + 0x14, 0x20);  // the end entry alone
        put32(root + 0x18, 0x20);
        put16(root + 0x20 + 8, 0x10);
        put16(root + 0x20 + 12, 2);
        length = buildResident(attribute, kAttrIndexRoot, kNameI30, kNameI30Length, root, sizeof(root), false);
    } else {
        length = buildResident(attribute, kAttrData, nullptr, 0, nullptr, 0, false);
    }
    TRY(insertAttribute(record, recordSize, attribute, length));
    TRY(m_volume.writeRecord(number, record));
    DirectoryIndex index(m_volume, recordOf(parentReference));
    TRY(index.load());
    TRY(index.insert(reference, key, keyLength));
    return updateTimes(index.record(), recordOf(parentReference), t, true);
}

lib::ErrorOr<bool> NtfsFileSystem::createFile(const char* path) { return create(path, false); }

lib::ErrorOr<bool> NtfsFileSystem::createDirectory(const char* path) { return create(path, true); }

lib::ErrorOr<bool> NtfsFileSystem::removeNames(uint8_t* record, uint64_t number, uint64_t parent) {
    DirectoryIndex index(m_volume, recordOf(parent));
    TRY(index.load());
    AttributeWalker walker(record, m_volume.recordSize(), number);
    Attribute a;
    while (TRY(walker.next(a))) {
        if (a.type != kAttrFileName || a.nonResident || a.valueLength < 0x42) continue;
        const uint8_t* value = record + a.offset + a.valueOffset;
        if (recordOf(le64(value)) != recordOf(parent) || 0x42u + 2u * value[0x40] > a.valueLength) continue;
        uint16_t name[255];
        uint8_t length = value[0x40];
        for (uint8_t i = 0; i < length; i++) name[i] = le16(value + 0x42 + 2 * i);
        auto removed = index.remove(name, length);
        if (removed.isError() && removed.error().code() != lib::ErrorCode::NotFound) return removed.releaseError();
    }
    return updateTimes(index.record(), recordOf(parent), ntfsTimeFromUnix(now()), true);
}

lib::ErrorOr<bool> NtfsFileSystem::freeFile(uint8_t* record, uint64_t number) {
    Stream list;
    if (TRY(m_volume.openStream(record, number, kAttrAttributeList, nullptr, 0, list))) {
        if (list.dataSize > (1u << 20)) return corrupt("ntfs: MFT record %llu: attribute list too long", static_cast<unsigned long long>(number));
        Buffer entries(static_cast<size_t>(list.dataSize));
        if (!entries.ok()) return noMemory();
        TRY(m_volume.readStream(list, 0, entries.data(), entries.size()));
        Buffer other;
        for (size_t pos = 0; pos + 0x1A <= entries.size();) {
            uint16_t length = le16(entries.data() + pos + 4);
            if (length < 0x1A) break;
            uint64_t holder = recordOf(le64(entries.data() + pos + 0x10));
            pos += length;
            if (holder == number) continue;
            TRY(m_volume.readRecord(holder, other));
            if ((le16(other.data() + 0x16) & kRecordInUse) == 0 || recordOf(le64(other.data() + 0x20)) != number) {
                continue;  // already freed (several attributes share one extension record)
            }
            TRY(m_volume.freeRecordClusters(other.data(), holder));
            TRY(m_volume.freeRecord(holder));
        }
    }
    TRY(m_volume.freeRecordClusters(record, number));
    return m_volume.freeRecord(number);
}

lib::ErrorOr<bool> NtfsFileSystem::remove(const char* path) {
    Located at;
    TRY(locate(path, at, true));
    uint64_t number = recordOf(at.reference);
    if (at.nameLength == 0 || number < kFirstUserRecord) {
        return lib::Error::from(lib::ErrorCode::InvalidArgument, "ntfs: cannot remove a system file");
    }
    Buffer record;
    TRY(openRecord(at.reference, record));
    if ((le16(record.data() + 0x16) & kRecordIsDirectory) != 0) {
        DirectoryIndex index(m_volume, number);
        TRY(index.load());
        if (!TRY(index.isEmpty())) return lib::Error::from(lib::ErrorCode::NotEmpty, "ntfs: directory not empty");
    }
    TRY(markDirty());
    TRY(removeNames(record.data(), number, at.parent));
    uint32_t otherLinks = TRY(countLinks(record.data(), number, recordOf(at.parent)));
    if (otherLinks != 0) {
        // Another directory still names this file (a hard link): drop only this name.
        TRY(dropNames(record.data(), number, at.parent));
        TRY(m_volume.refreshAttributeList(record.data(), number));
        put16(record.data() + 0x12, static_cast<uint16_t>(otherLinks));
        return updateTimes(record.data(), number, 0, true);
    }
    return freeFile(record.data(), number);
}

lib::ErrorOr<uint32_t> NtfsFileSystem::countLinks(const uint8_t* record, uint64_t number, uint64_t excludedParent) {
    // One link per name that is not a DOS alias (NTFS docs "$FILE_NAME": namespaces).
    uint32_t links = 0;
    AttributeWalker walker(record, m_volume.recordSize(), number);
    Attribute a;
    while (TRY(walker.next(a))) {
        if (a.type != kAttrFileName || a.nonResident || a.valueLength < 0x42) continue;
        const uint8_t* value = record + a.offset + a.valueOffset;
        if (value[0x41] != kNamespaceDos && (excludedParent == 0 || recordOf(le64(value)) != excludedParent)) links++;
    }
    return links;
}

lib::ErrorOr<bool> NtfsFileSystem::dropNames(uint8_t* record, uint64_t number, uint64_t parent) {
    for (int i = 0; i < kMaxAttributes; i++) {
        AttributeWalker walker(record, m_volume.recordSize(), number);
        Attribute a;
        bool found = false;
        while (TRY(walker.next(a))) {
            if (a.type == kAttrFileName && !a.nonResident && a.valueLength >= 8 &&
                recordOf(le64(record + a.offset + a.valueOffset)) == recordOf(parent)) {
                found = true;
                break;
            }
        }
        if (!found) return true;
        removeAttribute(record, a.offset);
    }
    return true;
}

lib::ErrorOr<bool> NtfsFileSystem::rename(const char* from, const char* to) {
    Located source;
    TRY(locate(from, source, true));
    uint64_t number = recordOf(source.reference);
    if (source.nameLength == 0 || number < kFirstUserRecord) {
        return lib::Error::from(lib::ErrorCode::InvalidArgument, "ntfs: cannot move a system file");
    }
    Located target;
    TRY(locate(to, target, false));
    if (target.nameLength == 0) return lib::Error::from(lib::ErrorCode::Exists, "ntfs: file exists");
    bool sameFile = target.reference != 0 && recordOf(target.reference) == number;
    if (target.reference != 0 && !sameFile) return lib::Error::from(lib::ErrorCode::Exists, "ntfs: file exists");
    Buffer record;
    TRY(openRecord(source.reference, record));
    uint32_t recordSize = m_volume.recordSize();
    if ((le16(record.data() + 0x16) & kRecordIsDirectory) != 0) {
        // A directory may not move below itself: walk up from the target's directory.
        uint64_t current = target.parent;
        Buffer up;
        for (int i = 0; i <= kMaxComponents; i++) {
            if (recordOf(current) == number) {
                return lib::Error::from(lib::ErrorCode::InvalidArgument, "ntfs: cannot move a directory into itself");
            }
            if (recordOf(current) == kRecordRoot) break;
            TRY(openRecord(current, up));
            Attribute fn;
            if (!TRY(findAttribute(up.data(), recordSize, recordOf(current), kAttrFileName, nullptr, 0, fn)) ||
                fn.valueLength < 8) {
                return corrupt("ntfs: MFT record %llu: no $FILE_NAME", static_cast<unsigned long long>(recordOf(current)));
            }
            current = le64(up.data() + fn.offset + fn.valueOffset);
        }
    }
    // The new $FILE_NAME keeps the old times, sizes and flags.
    Attribute fn;
    bool haveName = false;
    {
        AttributeWalker walker(record.data(), recordSize, number);
        Attribute a;
        while (TRY(walker.next(a))) {
            if (a.type == kAttrFileName && !a.nonResident && a.valueLength >= 0x42 &&
                record.data()[a.offset + a.valueOffset + 0x41] != kNamespaceDos) {
                fn = a;
                haveName = true;
                break;
            }
        }
    }
    if (!haveName) return corrupt("ntfs: MFT record %llu: no $FILE_NAME", static_cast<unsigned long long>(number));
    Buffer parentRecord;
    TRY(openRecord(target.parent, parentRecord));
    uint64_t parentReference = recordOf(target.parent) | (static_cast<uint64_t>(le16(parentRecord.data() + 0x10)) << 48);
    uint8_t key[0x42 + 2 * 255];
    memcpy(key, record.data() + fn.offset + fn.valueOffset, 0x42);
    uint16_t keyLength = buildFileName(key + 0, parentReference, 0, 0, 0, 0, target.name, target.nameLength,
                                       nameSpaceFor(target.name, target.nameLength));
    memcpy(key + 0x08, record.data() + fn.offset + fn.valueOffset + 0x08, 0x34);  // times, sizes, flags
    uint64_t reference = number | (static_cast<uint64_t>(le16(record.data() + 0x10)) << 48);
    TRY(markDirty());
    if (sameFile) {
        TRY(removeNames(record.data(), number, source.parent));
        DirectoryIndex index(m_volume, recordOf(target.parent));
        TRY(index.load());
        TRY(index.insert(reference, key, keyLength));
    } else {
        DirectoryIndex index(m_volume, recordOf(target.parent));
        TRY(index.load());
        TRY(index.insert(reference, key, keyLength));
        TRY(removeNames(record.data(), number, source.parent));
    }
    // Replace the record's names in the old directory by the new one (hard links in other
    // directories keep theirs).
    TRY(dropNames(record.data(), number, source.parent));
    uint8_t attribute[kMaxFileNameAttribute];
    uint32_t length = buildResident(attribute, kAttrFileName, nullptr, 0, key, keyLength, true);
    TRY(insertAttribute(record.data(), recordSize, attribute, length));
    TRY(m_volume.refreshAttributeList(record.data(), number));  // the names' instances changed
    put16(record.data() + 0x12, static_cast<uint16_t>(TRY(countLinks(record.data(), number, 0))));
    return updateTimes(record.data(), number, 0, true);
}

lib::ErrorOr<VolumeStats> NtfsFileSystem::statfs() {
    VolumeStats stats;
    memset(&stats, 0, sizeof(stats));
    stats.clusterSize = m_volume.clusterSize();
    stats.totalBytes = m_volume.totalClusters() * m_volume.clusterSize();
    stats.freeBytes = m_volume.freeClusters() * m_volume.clusterSize();
    size_t n = strlen(m_volume.label());
    if (n >= sizeof(stats.label)) n = sizeof(stats.label) - 1;
    memcpy(stats.label, m_volume.label(), n);
    return stats;
}

lib::ErrorOr<bool> NtfsFileSystem::sync() {
    if (m_dirty) {
        TRY(m_volume.setDirty(false));
        m_dirty = false;
    }
    if (m_volume.device().flush().isError()) return lib::Error::from(lib::ErrorCode::IoError, "ntfs: device flush failed");
    return true;
}

lib::ErrorOr<bool> NtfsFileSystem::touch(const char* path, uint64_t seconds) {
    Located at;
    TRY(locate(path, at, true));
    Buffer record;
    TRY(openRecord(at.reference, record));
    uint64_t number = recordOf(at.reference);
    TRY(markDirty());
    TRY(updateTimes(record.data(), number, ntfsTimeFromUnix(seconds), true));
    if (at.nameLength != 0) TRY(refreshIndexEntry(record.data(), number));
    return true;
}

}  // namespace fs::ntfs
