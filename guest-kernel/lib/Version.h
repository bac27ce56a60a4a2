// lib/Version: the JefeOS version string baked in at build time (make VERSION=...).
#pragma once

namespace lib {

const char* version();

}  // namespace lib
