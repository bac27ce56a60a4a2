// shell/GuiCommands: see GuiCommands.h.
#include "shell/GuiCommands.h"

#include "gui/DesktopSession.h"

namespace shell {

void guiCommand(const char*) { gui::DesktopSession::run(gui::SessionMode::Demo); }

void guiiCommand(const char*) { gui::DesktopSession::run(gui::SessionMode::Interactive); }

}  // namespace shell
