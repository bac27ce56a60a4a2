// fs/ntfs/NtfsIndex: the $I30 directory B+tree (see the header).
#include "fs/ntfs/NtfsIndex.h"

#include <new>

namespace fs::ntfs {

struct IndexNode {
    bool root = false;
    uint64_t vcn = 0;
    bool hasChildren = false;
    uint64_t endChild = 0;
    Vec<IndexEntry> entries;
    ~IndexNode() {
        for (size_t i = 0; i < entries.size(); i++) releaseBytes(entries[i].key);
    }
};

namespace {

constexpr uint16_t kEntryHasChild = 1;
constexpr uint16_t kEntryLast = 2;
constexpr size_t kMaxEntriesPerNode = 4096;

unsigned long long ull(uint64_t v) { return static_cast<unsigned long long>(v); }

IndexNode* newNode() {
    void* p = allocateBytes(sizeof(IndexNode));
    return p == nullptr ? nullptr : new (p) IndexNode();
}

void deleteNode(IndexNode* node) {
    if (node != nullptr) {
        node->~IndexNode();
        releaseBytes(node);
    }
}

// Owns a node for the length of a scope.
struct NodeHolder {
    IndexNode* node;
    explicit NodeHolder(IndexNode* n) : node(n) {}
    ~NodeHolder() { deleteNode(node); }
};

size_t entrySize(uint16_t keyLength, bool hasChildren) {
    return 0x10 + align8(keyLength) + (hasChildren ? 8 : 0);
}

int compareKey(const uint16_t* name, uint8_t length, const uint8_t* key, const uint8_t* upcase) {
    return compareNames(name, length, key + 0x42, key[0x40], upcase);
}

uint8_t* copyBytes(const uint8_t* source, size_t length) {
    uint8_t* p = static_cast<uint8_t*>(allocateBytes(length == 0 ? 1 : length));
    if (p != nullptr) memcpy(p, source, length);
    return p;
}

void nameOfKey(const uint8_t* key, uint16_t* name, uint8_t& length) {
    length = key[0x40];
    for (uint8_t i = 0; i < length; i++) name[i] = le16(key + 0x42 + 2 * i);
}

lib::Error noSpace() { return lib::Error::from(lib::ErrorCode::NoSpace, "ntfs: index node full"); }

}  // namespace

struct DirectoryIndex::Path {
    IndexNode* nodes[kMaxDepth + 2] = {};
    size_t positions[kMaxDepth + 2] = {};
    int depth = 0;
    ~Path() {
        for (int i = 0; i < depth; i++) deleteNode(nodes[i]);
    }
};

uint16_t buildFileName(uint8_t* out, uint64_t parent, uint64_t time, uint64_t allocated, uint64_t size,
                       uint32_t flags, const uint16_t* name, uint8_t length, uint8_t nameSpace) {
    memset(out, 0, 0x42);
    put64(out, parent);
    for (int i = 0; i < 4; i++) put64(out + 0x08 + 8 * i, time);
    put64(out + 0x28, allocated);
    put64(out + 0x30, size);
    put32(out + 0x38, flags);
    out[0x40] = length;
    out[0x41] = nameSpace;
    for (uint8_t i = 0; i < length; i++) put16(out + 0x42 + 2 * i, name[i]);
    return static_cast<uint16_t>(0x42 + 2 * length);
}

DirectoryIndex::~DirectoryIndex() = default;

lib::ErrorOr<bool> DirectoryIndex::reloadAllocation() {
    m_hasAllocation = TRY(m_volume.openStream(m_record.data(), m_directory, kAttrIndexAllocation, kNameI30,
                                              kNameI30Length, m_allocation));
    if (m_hasAllocation && m_allocation.resident) {
        return corrupt("ntfs: MFT record %llu: resident index allocation", ull(m_directory));
    }
    return true;
}

lib::ErrorOr<bool> DirectoryIndex::load() {
    TRY(m_volume.readRecord(m_directory, m_record));
    uint16_t flags = le16(m_record.data() + 0x16);
    if ((flags & kRecordInUse) == 0) return corrupt("ntfs: MFT record %llu: not in use", ull(m_directory));
    if ((flags & kRecordIsDirectory) == 0) {
        return lib::Error::from(lib::ErrorCode::NotDirectory, "ntfs: not a directory");
    }
    IndexNode* root = TRY(loadRoot());
    deleteNode(root);
    TRY(reloadAllocation());
    return true;
}

lib::ErrorOr<bool> DirectoryIndex::parseNode(const uint8_t* h, size_t available, IndexNode& node, const char* what,
                                             uint64_t id) {
    if (available < 0x10) return corrupt("ntfs: %s %llu: index header truncated", what, ull(id));
    uint32_t first = le32(h);
    uint32_t total = le32(h + 4);
    uint32_t allocated = le32(h + 8);
    node.hasChildren = (h[0x0C] & 1) != 0;
    if (first < 0x10 || first % 8 != 0 || total > allocated || allocated > available || first >= total) {
        return corrupt("ntfs: %s %llu: bad index header", what, ull(id));
    }
    uint32_t pos = first;
    for (size_t count = 0;; count++) {
        if (count > kMaxEntriesPerNode || pos + 0x10 > total) {
            return corrupt("ntfs: %s %llu: index entries overrun", what, ull(id));
        }
        const uint8_t* e = h + pos;
        uint16_t length = le16(e + 8);
        uint16_t keyLength = le16(e + 10);
        uint16_t flags = le16(e + 12);
        bool hasChild = (flags & kEntryHasChild) != 0;
        if (length < 0x10 || length % 8 != 0 || pos + length > total || hasChild != node.hasChildren ||
            0x10u + keyLength + (hasChild ? 8u : 0u) > length) {
            return corrupt("ntfs: %s %llu: bad index entry", what, ull(id));
        }
        uint64_t child = hasChild ? le64(e + length - 8) : 0;
        if ((flags & kEntryLast) != 0) {
            node.endChild = child;
            return true;
        }
        const uint8_t* key = e + 0x10;
        if (keyLength < 0x42 || 0x42u + 2u * key[0x40] > keyLength) {
            return corrupt("ntfs: %s %llu: bad index key", what, ull(id));
        }
        uint8_t* copy = copyBytes(key, keyLength);
        if (copy == nullptr) return noMemory();
        if (!node.entries.push(IndexEntry{le64(e), copy, keyLength, child})) {
            releaseBytes(copy);
            return noMemory();
        }
        pos += length;
    }
}

lib::ErrorOr<IndexNode*> DirectoryIndex::loadRoot() {
    Attribute a;
    if (!TRY(findAttribute(m_record.data(), m_volume.recordSize(), m_directory, kAttrIndexRoot, kNameI30,
                           kNameI30Length, a)) ||
        a.nonResident || a.valueLength < 0x20) {
        return corrupt("ntfs: MFT record %llu: no $INDEX_ROOT", ull(m_directory));
    }
    const uint8_t* value = m_record.data() + a.offset + a.valueOffset;
    uint32_t blockSize = le32(value + 8);
    if (le32(value) != kAttrFileName || le32(value + 4) != 1 || blockSize < 512 || blockSize > 65536 ||
        (blockSize & (blockSize - 1)) != 0) {
        return corrupt("ntfs: MFT record %llu: bad $INDEX_ROOT", ull(m_directory));
    }
    memcpy(m_rootHeader, value, 16);
    m_blockSize = blockSize;
    m_vcnUnit = blockSize >= m_volume.clusterSize() ? m_volume.clusterSize() : 512;
    IndexNode* node = newNode();
    if (node == nullptr) return noMemory();
    node->root = true;
    auto parsed = parseNode(value + 0x10, a.valueLength - 0x10, *node, "MFT record", m_directory);
    if (parsed.isError()) {
        deleteNode(node);
        return parsed.releaseError();
    }
    return node;
}

lib::ErrorOr<IndexNode*> DirectoryIndex::loadBlock(uint64_t vcn) {
    if (!m_hasAllocation) return corrupt("ntfs: MFT record %llu: sub-node without allocation", ull(m_directory));
    uint64_t offset = vcn * m_vcnUnit;
    if (vcn > (1ull << 40) || offset % m_blockSize != 0 || offset + m_blockSize > m_allocation.dataSize) {
        return corrupt("ntfs: MFT record %llu: index VCN %llu out of range", ull(m_directory), ull(vcn));
    }
    Buffer block(m_blockSize);
    if (!block.ok()) return noMemory();
    TRY(m_volume.readStream(m_allocation, offset, block.data(), m_blockSize));
    TRY(removeFixups(block.data(), m_blockSize, "INDX", "index block", vcn));
    if (le64(block.data() + 0x10) != vcn) return corrupt("ntfs: index block %llu: wrong VCN", ull(vcn));
    IndexNode* node = newNode();
    if (node == nullptr) return noMemory();
    node->vcn = vcn;
    auto parsed = parseNode(block.data() + 0x18, m_blockSize - 0x18, *node, "index block", vcn);
    if (parsed.isError()) {
        deleteNode(node);
        return parsed.releaseError();
    }
    return node;
}

size_t DirectoryIndex::nodeBytes(const IndexNode& node) const {
    size_t total = 0x10;
    for (size_t i = 0; i < node.entries.size(); i++) total += entrySize(node.entries[i].keyLength, node.hasChildren);
    return total + entrySize(0, node.hasChildren);
}

void DirectoryIndex::serialize(const IndexNode& node, uint8_t* h, uint32_t first, uint32_t allocated) const {
    put32(h, first);
    uint32_t pos = first;
    for (size_t i = 0; i <= node.entries.size(); i++) {
        bool last = i == node.entries.size();
        uint16_t keyLength = last ? 0 : node.entries[i].keyLength;
        size_t length = entrySize(keyLength, node.hasChildren);
        uint8_t* e = h + pos;
        memset(e, 0, length);
        if (!last) {
            put64(e, node.entries[i].reference);
            memcpy(e + 0x10, node.entries[i].key, keyLength);
        }
        put16(e + 8, static_cast<uint16_t>(length));
        put16(e + 10, keyLength);
        put16(e + 12, static_cast<uint16_t>((node.hasChildren ? kEntryHasChild : 0) | (last ? kEntryLast : 0)));
        if (node.hasChildren) put64(e + length - 8, last ? node.endChild : node.entries[i].child);
        pos += static_cast<uint32_t>(length);
    }
    put32(h + 4, pos);
    put32(h + 8, allocated == 0 ? pos : allocated);
    h[0x0C] = node.hasChildren ? 1 : 0;
}

lib::ErrorOr<bool> DirectoryIndex::storeNode(IndexNode& node) {
    size_t bytes = nodeBytes(node);
    if (node.root) {
        if (0x10 + bytes > m_volume.recordSize()) return noSpace();
        Buffer value(0x10 + bytes);
        if (!value.ok()) return noMemory();
        memcpy(value.data(), m_rootHeader, 16);
        serialize(node, value.data() + 0x10, 0x10, 0);
        Attribute a;
        if (!TRY(findAttribute(m_record.data(), m_volume.recordSize(), m_directory, kAttrIndexRoot, kNameI30,
                               kNameI30Length, a))) {
            return corrupt("ntfs: MFT record %llu: no $INDEX_ROOT", ull(m_directory));
        }
        TRY(setResidentValue(m_record.data(), m_volume.recordSize(), a.offset, value.data(),
                             static_cast<uint32_t>(value.size())));
        return m_volume.writeRecord(m_directory, m_record.data());
    }
    uint16_t usaCount = static_cast<uint16_t>(m_blockSize / 512 + 1);
    uint32_t first = static_cast<uint32_t>(align8(0x28 + 2u * usaCount)) - 0x18;
    if (first + bytes - 0x10 > m_blockSize - 0x18) return noSpace();
    Buffer block(m_blockSize);
    if (!block.ok()) return noMemory();
    uint8_t* b = block.data();
    memcpy(b, "INDX", 4);
    put16(b + 4, 0x28);
    put16(b + 6, usaCount);
    put16(b + 0x28, 1);
    put64(b + 0x10, node.vcn);
    serialize(node, b + 0x18, first, m_blockSize - 0x18);
    applyFixups(b, m_blockSize);
    return m_volume.writeRuns(m_allocation.runs, node.vcn * m_vcnUnit, b, m_blockSize);
}

lib::ErrorOr<bool> DirectoryIndex::search(const uint16_t* name, uint8_t length, Path& path, bool& found) {
    found = false;
    IndexNode* node = TRY(loadRoot());
    path.nodes[path.depth++] = node;
    const uint8_t* upcase = m_volume.upcase();
    for (;;) {
        size_t pos = 0;
        while (pos < node->entries.size()) {
            int c = compareKey(name, length, node->entries[pos].key, upcase);
            if (c == 0) {
                path.positions[path.depth - 1] = pos;
                found = true;
                return true;
            }
            if (c < 0) break;
            pos++;
        }
        path.positions[path.depth - 1] = pos;
        if (!node->hasChildren) return true;
        if (path.depth > kMaxDepth) return corrupt("ntfs: MFT record %llu: index too deep", ull(m_directory));
        uint64_t child = pos < node->entries.size() ? node->entries[pos].child : node->endChild;
        node = TRY(loadBlock(child));
        path.nodes[path.depth++] = node;
    }
}

lib::ErrorOr<bool> DirectoryIndex::find(const uint16_t* name, uint8_t length, uint64_t& reference, Buffer* key) {
    Path path;
    bool found = false;
    TRY(search(name, length, path, found));
    if (!found) return false;
    const IndexEntry& e = path.nodes[path.depth - 1]->entries[path.positions[path.depth - 1]];
    reference = e.reference;
    if (key != nullptr) {
        if (!key->reset(e.keyLength)) return noMemory();
        memcpy(key->data(), e.key, e.keyLength);
    }
    return true;
}

lib::ErrorOr<bool> DirectoryIndex::walkNode(IndexNode& node, int depth, uint32_t& budget, Visitor visitor,
                                            void* context, bool& stop) {
    if (depth > kMaxDepth || budget == 0) return corrupt("ntfs: MFT record %llu: index too deep", ull(m_directory));
    budget--;
    for (size_t i = 0; i <= node.entries.size() && !stop; i++) {
        if (node.hasChildren) {
            uint64_t vcn = i < node.entries.size() ? node.entries[i].child : node.endChild;
            // Each block is visited once: a sub-node pointing back up the tree is a loop.
            uint64_t block = vcn * m_vcnUnit / m_blockSize;
            if (block / 8 >= m_visited.size()) return corrupt("ntfs: index VCN %llu out of range", ull(vcn));
            if ((m_visited.data()[block / 8] & (1u << (block % 8))) != 0) {
                return corrupt("ntfs: MFT record %llu: index blocks form a loop", ull(m_directory));
            }
            m_visited.data()[block / 8] |= static_cast<uint8_t>(1u << (block % 8));
            IndexNode* child = TRY(loadBlock(vcn));
            NodeHolder holder(child);
            TRY(walkNode(*child, depth + 1, budget, visitor, context, stop));
        }
        if (i < node.entries.size() && !stop && !visitor(node.entries[i], context)) stop = true;
    }
    return true;
}

lib::ErrorOr<bool> DirectoryIndex::walk(Visitor visitor, void* context) {
    IndexNode* root = TRY(loadRoot());
    NodeHolder holder(root);
    uint64_t blocks = m_hasAllocation ? m_allocation.dataSize / m_blockSize : 0;
    if (blocks > kMaxNodesWalked) return corrupt("ntfs: MFT record %llu: index too large", ull(m_directory));
    if (!m_visited.reset(static_cast<size_t>(blocks / 8 + 1))) return noMemory();
    uint32_t budget = kMaxNodesWalked;
    bool stop = false;
    return walkNode(*root, 0, budget, visitor, context, stop);
}

lib::ErrorOr<bool> DirectoryIndex::isEmpty() {
    bool any = false;
    TRY(walk([](const IndexEntry&, void* context) {
        *static_cast<bool*>(context) = true;
        return false;
    }, &any));
    return !any;
}

lib::ErrorOr<uint64_t> DirectoryIndex::allocateBlock() {
    uint32_t recordSize = m_volume.recordSize();
    if (!m_hasAllocation) {
        if (TRY(hasAttributeList(m_record.data(), recordSize, m_directory))) {
            return lib::Error::from(lib::ErrorCode::Unsupported, "ntfs: directory has an attribute list (not writable)");
        }
        TRY(m_volume.addEmptyNonResident(m_record.data(), kAttrIndexAllocation, kNameI30, kNameI30Length));
        uint8_t attribute[0x40];
        uint8_t zeros[8] = {};
        uint32_t length = buildResident(attribute, kAttrBitmap, kNameI30, kNameI30Length, zeros, 8, false);
        TRY(insertAttribute(m_record.data(), recordSize, attribute, length));
        TRY(m_volume.writeRecord(m_directory, m_record.data()));
        TRY(reloadAllocation());
    }
    Stream bitmap;
    if (!TRY(m_volume.openStream(m_record.data(), m_directory, kAttrBitmap, kNameI30, kNameI30Length, bitmap)) ||
        bitmap.dataSize > 65536) {
        return corrupt("ntfs: MFT record %llu: bad index $BITMAP", ull(m_directory));
    }
    Buffer bits(static_cast<size_t>(bitmap.dataSize));
    if (!bits.ok()) return noMemory();
    TRY(m_volume.readStream(bitmap, 0, bits.data(), bits.size()));
    uint64_t blocks = m_allocation.dataSize / m_blockSize;
    uint64_t block = blocks;
    for (uint64_t b = 0; b < blocks && b < bitmap.dataSize * 8; b++) {
        if ((bits.data()[b / 8] & (1u << (b % 8))) == 0) {
            block = b;
            break;
        }
    }
    if (block == blocks) {
        Buffer zeros(m_blockSize);
        if (!zeros.ok()) return noMemory();
        TRY(m_volume.writeStream(m_record.data(), m_directory, kAttrIndexAllocation, kNameI30, kNameI30Length,
                                 blocks * m_blockSize, zeros.data(), m_blockSize));
        TRY(reloadAllocation());
    }
    if (block / 8 >= bitmap.dataSize) {
        uint8_t zeros[8] = {};
        TRY(m_volume.writeStream(m_record.data(), m_directory, kAttrBitmap, kNameI30, kNameI30Length, bitmap.dataSize,
                                 zeros, 8));
    }
    uint8_t byte = block / 8 < bits.size() ? bits.data()[block / 8] : 0;
    byte = static_cast<uint8_t>(byte | (1u << (block % 8)));
    TRY(m_volume.writeStream(m_record.data(), m_directory, kAttrBitmap, kNameI30, kNameI30Length, block / 8, &byte, 1));
    return block * m_blockSize / m_vcnUnit;
}

lib::ErrorOr<bool> DirectoryIndex::freeBlock(uint64_t vcn) {
    uint64_t block = vcn * m_vcnUnit / m_blockSize;
    Stream bitmap;
    if (!TRY(m_volume.openStream(m_record.data(), m_directory, kAttrBitmap, kNameI30, kNameI30Length, bitmap)) ||
        block / 8 >= bitmap.dataSize) {
        return corrupt("ntfs: MFT record %llu: bad index $BITMAP", ull(m_directory));
    }
    uint8_t byte;
    TRY(m_volume.readStream(bitmap, block / 8, &byte, 1));
    byte = static_cast<uint8_t>(byte & ~(1u << (block % 8)));
    return m_volume.writeStream(m_record.data(), m_directory, kAttrBitmap, kNameI30, kNameI30Length, block / 8, &byte, 1);
}

lib::ErrorOr<bool> DirectoryIndex::storeUpward(Path& path, int level) {
    for (int l = level;;) {
        IndexNode* node = path.nodes[l];
        auto stored = storeNode(*node);
        if (!stored.isError()) return true;
        if (stored.error().code() != lib::ErrorCode::NoSpace) return stored.releaseError();
        if (node->root) {
            // The root no longer fits in the record: its entries move to a new block and the
            // root keeps only the end entry pointing there (NTFS docs "Index Root": large index).
            if (path.depth > kMaxDepth) return corrupt("ntfs: MFT record %llu: index too deep", ull(m_directory));
            IndexNode* child = newNode();
            if (child == nullptr) return noMemory();
            child->hasChildren = node->hasChildren;
            child->endChild = node->endChild;
            for (size_t i = 0; i < node->entries.size(); i++) {
                if (!child->entries.push(node->entries[i])) {
                    deleteNode(child);
                    return noMemory();
                }
            }
            node->entries.clear();
            node->hasChildren = true;
            node->endChild = 0;
            for (int i = path.depth; i > l + 1; i--) {
                path.nodes[i] = path.nodes[i - 1];
                path.positions[i] = path.positions[i - 1];
            }
            path.nodes[l + 1] = child;
            path.positions[l + 1] = path.positions[l];
            path.positions[l] = 0;
            path.depth++;
            TRY(storeNode(*node));  // shrink the root first so the record has room
            uint64_t vcn = TRY(allocateBlock());
            child->vcn = vcn;
            node->endChild = vcn;
            TRY(storeNode(*node));
            l = l + 1;
            continue;
        }
        // Split a block: the lower half moves to a new block, the median goes up.
        size_t count = node->entries.size();
        if (count < 3 || l == 0) return noSpace();
        size_t m = count / 2;
        IndexNode* left = newNode();
        if (left == nullptr) return noMemory();
        NodeHolder holder(left);
        left->vcn = TRY(allocateBlock());
        left->hasChildren = node->hasChildren;
        for (size_t i = 0; i < m; i++) {
            if (!left->entries.push(node->entries[i])) return noMemory();
        }
        IndexEntry median = node->entries[m];
        left->endChild = median.child;
        for (size_t i = 0; i <= m; i++) node->entries.removeAt(0);
        median.child = left->vcn;
        IndexNode* parent = path.nodes[l - 1];
        if (!parent->entries.insert(path.positions[l - 1], median)) {
            releaseBytes(median.key);
            return noMemory();
        }
        TRY(storeNode(*left));
        TRY(storeNode(*node));
        l = l - 1;
    }
}

lib::ErrorOr<bool> DirectoryIndex::insert(uint64_t reference, const uint8_t* key, uint16_t keyLength) {
    if (keyLength < 0x42 || 0x42u + 2u * key[0x40] > keyLength) {
        return lib::Error::from(lib::ErrorCode::InvalidArgument, "ntfs: bad file name key");
    }
    uint16_t name[255];
    uint8_t length;
    nameOfKey(key, name, length);
    Path path;
    bool found = false;
    TRY(search(name, length, path, found));
    if (found) return lib::Error::from(lib::ErrorCode::Exists, "ntfs: file exists");
    uint8_t* copy = copyBytes(key, keyLength);
    if (copy == nullptr) return noMemory();
    IndexNode* leaf = path.nodes[path.depth - 1];
    if (!leaf->entries.insert(path.positions[path.depth - 1], IndexEntry{reference, copy, keyLength, 0})) {
        releaseBytes(copy);
        return noMemory();
    }
    return storeUpward(path, path.depth - 1);
}

lib::ErrorOr<bool> DirectoryIndex::replaceKey(const uint16_t* name, uint8_t length, const uint8_t* key, uint16_t keyLength) {
    Path path;
    bool found = false;
    TRY(search(name, length, path, found));
    if (!found) return lib::Error::from(lib::ErrorCode::NotFound, "ntfs: no such file or directory");
    uint8_t* copy = copyBytes(key, keyLength);
    if (copy == nullptr) return noMemory();
    IndexEntry& e = path.nodes[path.depth - 1]->entries[path.positions[path.depth - 1]];
    releaseBytes(e.key);
    e.key = copy;
    e.keyLength = keyLength;
    return storeUpward(path, path.depth - 1);
}

lib::ErrorOr<bool> DirectoryIndex::rebalanceEmpty(Path& path, int level) {
    // A non-root node lost its last entry (a leaf) or its last separator (an inner node
    // that now only has its end child). Standard B-tree repair keeps every leaf at the same
    // depth: merge with a sibling through the parent's separator, or borrow one entry from
    // the sibling when the merge would not fit in one block.
    if (level == 0) return true;
    IndexNode* x = path.nodes[level];
    IndexNode* parent = path.nodes[level - 1];
    size_t p = path.positions[level - 1];
    if (parent->entries.size() == 0) {
        // Only the root may have no separators: drop one level (the tree gets shorter
        // everywhere at once, since every path went through x).
        TRY(freeBlock(x->vcn));
        parent->hasChildren = x->hasChildren;
        parent->endChild = x->endChild;
        TRY(storeNode(*parent));
        return parent->root ? true : rebalanceEmpty(path, level - 1);
    }
    uint16_t usaCount = static_cast<uint16_t>(m_blockSize / 512 + 1);
    uint64_t first = align8(0x28 + 2u * usaCount) - 0x18;
    auto fits = [&](const IndexNode& n) { return first + nodeBytes(n) - 0x10 <= m_blockSize - 0x18; };
    if (p < parent->entries.size()) {
        IndexEntry separator = parent->entries[p];
        uint64_t rightVcn = p + 1 < parent->entries.size() ? parent->entries[p + 1].child : parent->endChild;
        IndexNode* right = TRY(loadBlock(rightVcn));
        NodeHolder holder(right);
        if (right->hasChildren != x->hasChildren) return true;  // uneven tree from elsewhere: leave it
        separator.child = x->endChild;  // inner nodes: x's last subtree goes below the separator
        if (!right->entries.insert(0, separator)) return noMemory();
        if (fits(*right)) {
            parent->entries.removeAt(p);
            TRY(storeNode(*right));
            TRY(freeBlock(x->vcn));
            if (!parent->root && parent->entries.size() == 0) {
                path.positions[level - 1] = 0;  // the end entry now leads to the merged node
                return rebalanceEmpty(path, level - 1);
            }
            return storeUpward(path, level - 1);
        }
        // Borrow: the separator comes down into x, the sibling's first entry goes up.
        right->entries.removeAt(0);
        IndexEntry up = right->entries[0];
        right->entries.removeAt(0);
        if (!x->entries.push(separator)) return noMemory();
        x->endChild = up.child;
        up.child = x->vcn;
        parent->entries[p] = up;
        TRY(storeNode(*x));
        TRY(storeNode(*right));
        return storeUpward(path, level - 1);
    }
    size_t s = parent->entries.size() - 1;
    IndexEntry separator = parent->entries[s];
    IndexNode* left = TRY(loadBlock(separator.child));
    NodeHolder holder(left);
    if (left->hasChildren != x->hasChildren) return true;
    uint64_t leftVcn = left->vcn;
    separator.child = left->endChild;
    if (!left->entries.push(separator)) return noMemory();
    if (fits(*left)) {
        // Merge into x (the end child keeps its place) and free the left block.
        for (size_t i = 0; i < left->entries.size(); i++) {
            if (!x->entries.insert(i, left->entries[i])) return noMemory();
        }
        left->entries.clear();
        parent->entries.removeAt(s);
        TRY(storeNode(*x));
        TRY(freeBlock(leftVcn));
        if (!parent->root && parent->entries.size() == 0) {
            path.positions[level - 1] = 0;
            return rebalanceEmpty(path, level - 1);
        }
        return storeUpward(path, level - 1);
    }
    left->entries.removeAt(left->entries.size() - 1);
    IndexEntry up = left->entries[left->entries.size() - 1];
    left->entries.removeAt(left->entries.size() - 1);
    if (!x->entries.insert(0, separator)) return noMemory();
    left->endChild = up.child;
    up.child = leftVcn;
    parent->entries[s] = up;
    TRY(storeNode(*x));
    TRY(storeNode(*left));
    return storeUpward(path, level - 1);
}

lib::ErrorOr<bool> DirectoryIndex::remove(const uint16_t* name, uint8_t length) {
    Path path;
    bool found = false;
    TRY(search(name, length, path, found));
    if (!found) return lib::Error::from(lib::ErrorCode::NotFound, "ntfs: no such file or directory");
    int level = path.depth - 1;
    IndexNode* node = path.nodes[level];
    size_t i = path.positions[level];
    if (!node->hasChildren) {
        releaseBytes(node->entries[i].key);
        node->entries.removeAt(i);
        TRY(storeNode(*node));
        if (!node->root && node->entries.size() == 0) return rebalanceEmpty(path, level);
        return true;
    }
    // An inner entry: its predecessor (the largest key of its left subtree) takes its place.
    uint64_t vcn = node->entries[i].child;
    for (;;) {
        if (path.depth > kMaxDepth) return corrupt("ntfs: MFT record %llu: index too deep", ull(m_directory));
        IndexNode* child = TRY(loadBlock(vcn));
        path.nodes[path.depth++] = child;
        if (!child->hasChildren) break;
        path.positions[path.depth - 1] = child->entries.size();
        vcn = child->endChild;
    }
    IndexNode* leaf = path.nodes[path.depth - 1];
    if (leaf->entries.size() == 0) return corrupt("ntfs: MFT record %llu: empty index leaf", ull(m_directory));
    IndexEntry predecessor = leaf->entries[leaf->entries.size() - 1];
    leaf->entries.removeAt(leaf->entries.size() - 1);
    bool leafEmpty = leaf->entries.size() == 0;
    TRY(storeNode(*leaf));
    releaseBytes(node->entries[i].key);
    node->entries[i].reference = predecessor.reference;
    node->entries[i].key = predecessor.key;
    node->entries[i].keyLength = predecessor.keyLength;
    uint16_t predName[255];
    uint8_t predLength;
    nameOfKey(predecessor.key, predName, predLength);
    TRY(storeUpward(path, level));
    if (!leafEmpty) return true;
    // Find the emptied leaf again (the tree above it may have split): it is the rightmost
    // leaf below the predecessor's entry.
    Path again;
    bool present = false;
    TRY(search(predName, predLength, again, present));
    if (!present) return corrupt("ntfs: MFT record %llu: index lost an entry", ull(m_directory));
    IndexNode* holderNode = again.nodes[again.depth - 1];
    vcn = holderNode->entries[again.positions[again.depth - 1]].child;
    for (;;) {
        if (again.depth > kMaxDepth) return corrupt("ntfs: MFT record %llu: index too deep", ull(m_directory));
        IndexNode* child = TRY(loadBlock(vcn));
        again.nodes[again.depth++] = child;
        if (!child->hasChildren) break;
        again.positions[again.depth - 1] = child->entries.size();
        vcn = child->endChild;
    }
    return rebalanceEmpty(again, again.depth - 1);
}

}  // namespace fs::ntfs
