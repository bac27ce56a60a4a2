/**
 * The desktop window: a GLFW window on its own thread showing the guest's linear framebuffer
 * through an OpenGL texture (only changed rows uploaded, once per display refresh), and turning
 * host keyboard and mouse events into PS/2 key codes and mouse motion. It reaches the machine
 * only through {@link dev.jefevm.gui.VmControls}, which the launcher implements.
 */
package dev.jefevm.gui;
