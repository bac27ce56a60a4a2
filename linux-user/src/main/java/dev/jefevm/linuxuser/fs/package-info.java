/**
 * Open file descriptions (host files and directories, pipes, the runner's streams), descriptor tables and stat data.
 */
package dev.jefevm.linuxuser.fs;
