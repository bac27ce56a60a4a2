// lib/CommandLine: reads the kernel command line (the Limine executable cmdline, set with
// `jefevm run --cmdline "..."`). The line is a list of words separated by spaces or tabs;
// hasFlag(line, "noapic") is true when one word is exactly "noapic" (as on Linux, where
// "noapic" makes the kernel ignore the I/O APIC). Pure code: also built for host unit tests.
#pragma once

namespace lib {

class CommandLine {
public:
    // True when `flag` appears in `line` as a whole word; a null line has no flags.
    static bool hasFlag(const char* line, const char* flag);
};

}  // namespace lib
