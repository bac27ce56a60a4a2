// drivers/I8042: the 8042 keyboard controller and the PS/2 keyboard and mouse behind it
// (IBM PS/2 Technical Reference, keyboard/auxiliary device controller: data port 0x60,
// status/command port 0x64). init() disables both ports, flushes the output buffer, runs the
// controller self-test (AAh -> 55h), tests the ports (ABh/A9h -> 00h), resets the keyboard
// (FFh -> FAh AAh) and enables scanning, resets the mouse (D4h FFh -> FAh AAh 00h), restores
// defaults and enables streaming (F6h, F4h), then turns on translation to scancode set 1 and
// the IRQ 1/IRQ 12 interrupts. IRQ 1 feeds drivers/Ps2Keyboard, whose bytes go to the shell
// input exactly as serial bytes do; IRQ 12 feeds drivers/Ps2Mouse. The GUI captures both. A device that does not
// answer is reported once and left out; nothing here waits without a bound.
#pragma once

#include <stdint.h>

#include "drivers/Ps2Mouse.h"

namespace drivers::ps2 {

void init();
bool keyboardPresent();
bool mousePresent();
// The mouse position and buttons, within the 1024x768 area of the framebuffer mode JefeOS uses.
MouseState mouseState();
// While captured (the GUI runs), every mouse packet and every raw keyboard scancode byte is
// queued for takeMousePacket()/takeScancode() (each queue drops what does not fit), and keys
// no longer reach the shell's input. Turning capture on empties both queues.
void setCapture(bool on);
bool takeMousePacket(MousePacket* packet);
// The oldest queued scancode byte, or -1.
int takeScancode();
// Reruns the controller self-test (AAh); true when it answered 55h. Restores the
// configuration byte and re-enables the ports afterwards.
bool controllerSelfTest();

}  // namespace drivers::ps2
