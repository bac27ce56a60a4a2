// lib/Version: see Version.h. The Makefile rebuilds only this file when VERSION changes.
#include "lib/Version.h"

#ifndef JEFEOS_VERSION
#define JEFEOS_VERSION "dev"
#endif

namespace lib {

const char* version() { return JEFEOS_VERSION; }

}  // namespace lib
