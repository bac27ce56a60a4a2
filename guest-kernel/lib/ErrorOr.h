// lib/ErrorOr: errors as values (the SerenityOS AK pattern). A fallible function returns
// ErrorOr<T>: either a T or an Error (a code plus a static description). TRY(expr) unwraps
// the value or returns the error from the enclosing function. No exceptions anywhere.
#pragma once

#include <new>

namespace lib {

enum class ErrorCode : int {
    NoMemory = 1,
    NotFound,
    BadChecksum,
    Unsupported,
    InvalidArgument,
    // File systems and storage (fs/FileSystem, storage/BlockDevice).
    Exists,
    NotDirectory,
    IsDirectory,
    NotEmpty,
    NoSpace,
    IoError,
    Corrupt,
};

class Error {
public:
    static constexpr Error from(ErrorCode code, const char* what) { return Error(code, what); }
    constexpr ErrorCode code() const { return m_code; }
    // A static string describing what failed, e.g. "ACPI: RSDP checksum mismatch".
    constexpr const char* what() const { return m_what; }

private:
    constexpr Error(ErrorCode code, const char* what) : m_code(code), m_what(what) {}
    ErrorCode m_code;
    const char* m_what;
};

template <typename T>
class [[nodiscard]] ErrorOr {
public:
    ErrorOr(const T& value) : m_isError(false) { new (&m_value) T(value); }
    ErrorOr(const Error& error) : m_isError(true) { new (&m_error) Error(error); }
    ErrorOr(const ErrorOr& other) : m_isError(other.m_isError) {
        if (m_isError) {
            new (&m_error) Error(other.m_error);
        } else {
            new (&m_value) T(other.m_value);
        }
    }
    ErrorOr& operator=(const ErrorOr&) = delete;
    ~ErrorOr() {
        if (!m_isError) {
            m_value.~T();
        }
    }

    bool isError() const { return m_isError; }
    const Error& error() const { return m_error; }
    T& value() { return m_value; }
    const T& value() const { return m_value; }
    Error releaseError() { return m_error; }
    T releaseValue() { return m_value; }

private:
    bool m_isError;
    union {
        T m_value;
        Error m_error;
    };
};

template <>
class [[nodiscard]] ErrorOr<void> {
public:
    ErrorOr() : m_isError(false), m_error(Error::from(ErrorCode::InvalidArgument, "")) {}
    ErrorOr(const Error& error) : m_isError(true), m_error(error) {}

    bool isError() const { return m_isError; }
    const Error& error() const { return m_error; }
    Error releaseError() { return m_error; }
    void releaseValue() {}

private:
    bool m_isError;
    Error m_error;
};

}  // namespace lib

// Evaluates `expr` (an ErrorOr); on error returns the error from the enclosing function,
// otherwise yields the value (GNU statement expression, as SerenityOS does).
#define TRY(expr)                                   \
    ({                                              \
        auto _tryResult = (expr);                   \
        if (_tryResult.isError()) {                 \
            return _tryResult.releaseError();       \
        }                                           \
        _tryResult.releaseValue();                  \
    })
