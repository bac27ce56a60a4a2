// shell/GuiCommands: the desktop commands. `gui` plays the demo (windows open, one glides
// along a path, one is minimised and restored, one maximised and restored) and returns to
// the text console by itself after a few seconds or on Esc; `guii` runs the same desktop
// driven by the PS/2 mouse and keyboard until Esc.
#pragma once

namespace shell {

void guiCommand(const char* args);
void guiiCommand(const char* args);

}  // namespace shell
