/**
 * Linux signals: numbers and default actions, dispositions, and the x86_64 rt_sigframe with its FXSAVE image.
 */
package dev.jefevm.linuxuser.signal;
