// fs/ntfs/NtfsIndex: a directory's $I30 file-name index, the B+tree of NTFS docs "Index
// Root", "Index Allocation" and "Index Record": the root node lives in $INDEX_ROOT inside
// the directory's MFT record, further nodes in INDX blocks (with fixups) of
// $INDEX_ALLOCATION, whose use is tracked by the $BITMAP named $I30. Keys are $FILE_NAME
// values ordered by $UpCase collation. An entry with a sub-node points at the node holding
// the keys below it; the end entry points at the keys above them all.
// Lookup and in-order walks are bounded by depth and node count. Insertion splits full
// nodes, promoting the median (a full root moves its entries to a new block first);
// removal replaces an inner entry by its predecessor and repairs a node left empty by
// merging it with a sibling (or borrowing when the merge does not fit), so all leaves stay
// at one depth; the root drops a level when it is left with a single child. Every node change is written
// before the call returns.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/ntfs/NtfsVolume.h"

namespace fs::ntfs {

struct IndexEntry {
    uint64_t reference;
    uint8_t* key;          // $FILE_NAME value (owned by the node)
    uint16_t keyLength;
    uint64_t child;        // VCN of the sub-node (nodes with children only)
};

struct IndexNode;

class DirectoryIndex {
public:
    static constexpr int kMaxDepth = 16;
    static constexpr uint32_t kMaxNodesWalked = 1u << 20;

    DirectoryIndex(Volume& volume, uint64_t directory) : m_volume(volume), m_directory(directory) {}
    ~DirectoryIndex();

    // Reads the directory's record and its index attributes.
    lib::ErrorOr<bool> load();
    // Finds a name; on success copies the reference (and the key, if asked). False if absent.
    lib::ErrorOr<bool> find(const uint16_t* name, uint8_t length, uint64_t& reference, Buffer* key);
    // Calls back for every entry in collation order; stop early by returning false.
    using Visitor = bool (*)(const IndexEntry& entry, void* context);
    lib::ErrorOr<bool> walk(Visitor visitor, void* context);
    lib::ErrorOr<bool> insert(uint64_t reference, const uint8_t* key, uint16_t keyLength);
    lib::ErrorOr<bool> remove(const uint16_t* name, uint8_t length);
    // Replaces the key of an existing name (same name: refreshed sizes and times).
    lib::ErrorOr<bool> replaceKey(const uint16_t* name, uint8_t length, const uint8_t* key, uint16_t keyLength);
    lib::ErrorOr<bool> isEmpty();
    uint8_t* record() { return m_record.data(); }

private:
    struct Path;
    lib::ErrorOr<IndexNode*> loadRoot();
    lib::ErrorOr<IndexNode*> loadBlock(uint64_t vcn);
    lib::ErrorOr<bool> parseNode(const uint8_t* header, size_t available, IndexNode& node, const char* what, uint64_t id);
    lib::ErrorOr<bool> storeNode(IndexNode& node);
    size_t nodeBytes(const IndexNode& node) const;
    void serialize(const IndexNode& node, uint8_t* header, uint32_t firstOffset, uint32_t allocated) const;
    lib::ErrorOr<bool> search(const uint16_t* name, uint8_t length, Path& path, bool& found);
    lib::ErrorOr<bool> storeUpward(Path& path, int level);
    lib::ErrorOr<uint64_t> allocateBlock();
    lib::ErrorOr<bool> freeBlock(uint64_t vcn);
    lib::ErrorOr<bool> rebalanceEmpty(Path& path, int level);
    lib::ErrorOr<bool> walkNode(IndexNode& node, int depth, uint32_t& budget, Visitor visitor, void* context, bool& stop);
    lib::ErrorOr<bool> reloadAllocation();

    Volume& m_volume;
    uint64_t m_directory;
    Buffer m_record;
    uint8_t m_rootHeader[16] = {};
    uint32_t m_blockSize = 0;
    uint32_t m_vcnUnit = 0;
    bool m_hasAllocation = false;
    Stream m_allocation;
    Buffer m_visited;  // blocks seen by the current walk()
};

// Builds a $FILE_NAME value (NTFS docs "$FILE_NAME") into out (>= 0x42 + 2*length bytes);
// returns its length.
uint16_t buildFileName(uint8_t* out, uint64_t parent, uint64_t time, uint64_t allocated, uint64_t size,
                       uint32_t flags, const uint16_t* name, uint8_t length, uint8_t nameSpace);

}  // namespace fs::ntfs
