// shell/FileCommands: the shell's file commands on the volume mounted at "/" (fs/Vfs):
// ls, cd, pwd, cat, touch, mkdir, rm, rmdir, cp, mv, stat, df, sync and edit. Paths may be
// relative to the current directory; touch, mkdir, rm, rmdir and cat take several. Errors are
// one line, "CMD: PATH: reason" (e.g. "rm: /x: no such file"). runRedirected() runs a command
// line with its console output going to a file (`>` truncates, `>>` appends).
#pragma once

#include "shell/Redirection.h"

namespace shell {

void lsCommand(const char* args);
void cdCommand(const char* args);
void pwdCommand(const char* args);
void catCommand(const char* args);
void touchCommand(const char* args);
void mkdirCommand(const char* args);
void rmCommand(const char* args);
void rmdirCommand(const char* args);
void cpCommand(const char* args);
void mvCommand(const char* args);
void statCommand(const char* args);
void dfCommand(const char* args);
void syncCommand(const char* args);
void editCommand(const char* args);

// Runs `redirection.command` through `run` with the console captured into the target file.
void runRedirected(const Redirection& redirection, void (*run)(const char* line));

}  // namespace shell
