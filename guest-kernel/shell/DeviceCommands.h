// shell/DeviceCommands: the shell commands for GUEST2's devices, in the shell::Command form
// (shell/Commands.h): `date` (the CMOS clock as YYYY-MM-DD HH:MM:SS), `lspci` (one
// "bus:dev.fn vendor:device class name" line per PCI function, hex) and `mouse` (the PS/2
// pointer position and buttons). Commands.cpp lists them in its table.
#pragma once

namespace shell {

void dateCommand(const char* args);
void lspciCommand(const char* args);
void mouseCommand(const char* args);

}  // namespace shell
