// fs/ntfs/NtfsSupport: the small tools every NTFS file needs: little-endian field access
// (NTFS is little-endian throughout; fields are read byte by byte so a misaligned or fuzzed
// offset is never undefined behaviour), heap memory (kmalloc in the kernel, malloc in host
// tests), an owning byte Buffer, and one-line error messages with numbers in them
// ("ntfs: MFT record 5: bad fixup") kept in a small ring of static buffers because
// lib::Error carries only a const char*.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/ErrorOr.h"
#include "lib/String.h"

namespace fs::ntfs {

void* allocateBytes(size_t size);
void releaseBytes(void* pointer);

inline uint16_t le16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
inline uint32_t le32(const uint8_t* p) {
    return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
           (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}
inline uint64_t le64(const uint8_t* p) {
    return static_cast<uint64_t>(le32(p)) | (static_cast<uint64_t>(le32(p + 4)) << 32);
}
inline void put16(uint8_t* p, uint16_t v) {
    p[0] = static_cast<uint8_t>(v);
    p[1] = static_cast<uint8_t>(v >> 8);
}
inline void put32(uint8_t* p, uint32_t v) {
    put16(p, static_cast<uint16_t>(v));
    put16(p + 2, static_cast<uint16_t>(v >> 16));
}
inline void put64(uint8_t* p, uint64_t v) {
    put32(p, static_cast<uint32_t>(v));
    put32(p + 4, static_cast<uint32_t>(v >> 32));
}

// An owning, zero-initialised byte array; empty when allocation failed (check ok()).
class Buffer {
public:
    Buffer() = default;
    explicit Buffer(size_t size) { reset(size); }
    ~Buffer() { releaseBytes(m_data); }
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    Buffer(Buffer&& other) : m_data(other.m_data), m_size(other.m_size) {
        other.m_data = nullptr;
        other.m_size = 0;
    }
    Buffer& operator=(Buffer&& other) {
        if (this != &other) {
            releaseBytes(m_data);
            m_data = other.m_data;
            m_size = other.m_size;
            other.m_data = nullptr;
            other.m_size = 0;
        }
        return *this;
    }
    bool reset(size_t size) {
        releaseBytes(m_data);
        m_data = static_cast<uint8_t*>(allocateBytes(size == 0 ? 1 : size));
        m_size = m_data != nullptr ? size : 0;
        if (m_data != nullptr) memset(m_data, 0, size == 0 ? 1 : size);
        return m_data != nullptr;
    }
    bool ok() const { return m_data != nullptr; }
    uint8_t* data() { return m_data; }
    const uint8_t* data() const { return m_data; }
    size_t size() const { return m_size; }

private:
    uint8_t* m_data = nullptr;
    size_t m_size = 0;
};

// A growable array of trivially copyable values.
template <typename T>
class Vec {
public:
    Vec() = default;
    ~Vec() { releaseBytes(m_items); }
    Vec(const Vec&) = delete;
    Vec& operator=(const Vec&) = delete;
    bool push(const T& value) {
        if (m_count == m_capacity) {
            size_t capacity = m_capacity == 0 ? 16 : m_capacity * 2;
            T* items = static_cast<T*>(allocateBytes(capacity * sizeof(T)));
            if (items == nullptr) return false;
            if (m_count != 0) memcpy(static_cast<void*>(items), m_items, m_count * sizeof(T));
            releaseBytes(m_items);
            m_items = items;
            m_capacity = capacity;
        }
        m_items[m_count++] = value;
        return true;
    }
    bool insert(size_t index, const T& value) {
        if (!push(value)) return false;
        memmove(static_cast<void*>(m_items + index + 1), m_items + index, (m_count - 1 - index) * sizeof(T));
        m_items[index] = value;
        return true;
    }
    void removeAt(size_t index) {
        memmove(static_cast<void*>(m_items + index), m_items + index + 1, (m_count - 1 - index) * sizeof(T));
        m_count--;
    }
    void clear() { m_count = 0; }
    void truncate(size_t count) { if (count < m_count) m_count = count; }
    size_t size() const { return m_count; }
    T& operator[](size_t i) { return m_items[i]; }
    const T& operator[](size_t i) const { return m_items[i]; }

private:
    T* m_items = nullptr;
    size_t m_count = 0;
    size_t m_capacity = 0;
};

// A lib::Error whose message is formatted ("ntfs: MFT record %llu: bad fixup").
lib::Error corrupt(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
lib::Error failure(lib::ErrorCode code, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
inline lib::Error noMemory() { return lib::Error::from(lib::ErrorCode::NoMemory, "ntfs: out of memory"); }

}  // namespace fs::ntfs
