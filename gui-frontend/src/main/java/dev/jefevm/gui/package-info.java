/**
 * The LWJGL desktop window that shows the framebuffer and feeds keyboard and mouse; arrives with the desktop-window issue.
 */
package dev.jefevm.gui;
