// drivers/I8042: see I8042.h.
#include "drivers/I8042.h"

#include "arch/Cpu.h"
#include "arch/Io.h"
#include "arch/Irq.h"
#include "drivers/Input.h"
#include "drivers/Ps2Keyboard.h"
#include "lib/Kprintf.h"
#include "lib/SelfTest.h"

namespace drivers::ps2 {

namespace {

constexpr uint16_t kDataPort = 0x60;
constexpr uint16_t kStatusPort = 0x64;  // read: status; write: controller command
constexpr uint8_t kOutputFull = 1 << 0, kInputFull = 1 << 1, kAuxData = 1 << 5;

// Controller commands.
constexpr uint8_t kReadConfig = 0x20, kWriteConfig = 0x60, kDisableAux = 0xa7, kEnableAux = 0xa8,
                  kTestAux = 0xa9, kSelfTest = 0xaa, kTestKeyboard = 0xab, kDisableKeyboard = 0xad,
                  kEnableKeyboard = 0xae, kWriteAux = 0xd4;
// Configuration byte bits.
constexpr uint8_t kKeyboardIrq = 1 << 0, kAuxIrq = 1 << 1, kKeyboardClockOff = 1 << 4, kAuxClockOff = 1 << 5,
                  kTranslate = 1 << 6;
// Device commands and replies.
constexpr uint8_t kDeviceReset = 0xff, kSetDefaults = 0xf6, kEnableReporting = 0xf4, kAck = 0xfa,
                  kDevicePassed = 0xaa, kControllerPassed = 0x55, kPortPassed = 0x00;

constexpr int kPollLimit = 200000;
constexpr int kMouseWidth = 1024, kMouseHeight = 768;

Ps2KeyboardDecoder g_keyboard;
Ps2MouseDecoder g_mouse(kMouseWidth, kMouseHeight);
bool g_keyboardPresent;
bool g_mousePresent;

// The capture queues (see setCapture); filled in the IRQ handlers, emptied with interrupts off.
constexpr int kPacketQueue = 64, kScancodeQueue = 128;
bool g_capture;
MousePacket g_packets[kPacketQueue];
int g_packetHead, g_packetCount;
uint8_t g_scancodes[kScancodeQueue];
int g_scancodeHead, g_scancodeCount;

void queueScancode(uint8_t byte) {
    if (g_scancodeCount < kScancodeQueue) {
        g_scancodes[(g_scancodeHead + g_scancodeCount++) % kScancodeQueue] = byte;
    }
}

void queuePacket(const MousePacket& packet) {
    if (g_packetCount < kPacketQueue) {
        g_packets[(g_packetHead + g_packetCount++) % kPacketQueue] = packet;
    }
}

bool waitWritable() {
    for (int i = 0; i < kPollLimit; i++) {
        if ((arch::inb(kStatusPort) & kInputFull) == 0) {
            return true;
        }
        arch::pause();
    }
    return false;
}

bool read(uint8_t* value) {
    for (int i = 0; i < kPollLimit; i++) {
        if ((arch::inb(kStatusPort) & kOutputFull) != 0) {
            *value = arch::inb(kDataPort);
            return true;
        }
        arch::pause();
    }
    return false;
}

bool command(uint8_t cmd) {
    if (!waitWritable()) {
        return false;
    }
    arch::outb(kStatusPort, cmd);
    return true;
}

bool commandWithData(uint8_t cmd, uint8_t data) {
    if (!command(cmd) || !waitWritable()) {
        return false;
    }
    arch::outb(kDataPort, data);
    return true;
}

bool commandReply(uint8_t cmd, uint8_t* reply) { return command(cmd) && read(reply); }

void flush() {
    for (int i = 0; i < 64 && (arch::inb(kStatusPort) & kOutputFull) != 0; i++) {
        arch::inb(kDataPort);
    }
}

// Sends a byte to the keyboard (aux = false) or the mouse and expects FAh (ACK).
bool sendToDevice(bool aux, uint8_t byte) {
    bool sent = aux ? commandWithData(kWriteAux, byte) : (waitWritable() && (arch::outb(kDataPort, byte), true));
    uint8_t reply;
    return sent && read(&reply) && reply == kAck;
}

bool resetDevice(bool aux) {
    uint8_t reply;
    if (!sendToDevice(aux, kDeviceReset) || !read(&reply) || reply != kDevicePassed) {
        return false;
    }
    if (aux) {
        read(&reply);  // the mouse follows AAh with its ID (00h; 03h after IntelliMouse setup)
    }
    return true;
}

bool readConfig(uint8_t* config) { return commandReply(kReadConfig, config); }

// Both IRQs drain the output buffer: status bit 5 says which device each byte came from.
void drain() {
    for (int i = 0; i < 16; i++) {
        uint8_t status = arch::inb(kStatusPort);
        if ((status & kOutputFull) == 0) {
            return;
        }
        uint8_t byte = arch::inb(kDataPort);
        if ((status & kAuxData) != 0) {
            if (g_mouse.feed(byte) && g_capture) {
                queuePacket(g_mouse.lastPacket());
            }
            continue;
        }
        char out[Ps2KeyboardDecoder::kMaxOutput];
        int n = g_keyboard.feed(byte, out);  // keeps the shift state right while captured too
        if (g_capture) {
            queueScancode(byte);
            continue;
        }
        for (int k = 0; k < n; k++) {
            input::push(out[k]);
        }
    }
}

void keyboardInterrupt(arch::InterruptFrame&) { drain(); }
void mouseInterrupt(arch::InterruptFrame&) { drain(); }

bool setUpController(uint8_t* config) {
    if (!command(kDisableKeyboard) || !command(kDisableAux)) {
        return false;
    }
    flush();
    if (!readConfig(config)) {
        return false;
    }
    *config = static_cast<uint8_t>(*config & ~(kKeyboardIrq | kAuxIrq));
    uint8_t result;
    if (!commandReply(kSelfTest, &result) || result != kControllerPassed) {
        lib::kprintf("ps2: controller self-test failed (%02x)\n", result);
        return false;
    }
    // The self-test may reset the controller: write the configuration after it.
    return commandWithData(kWriteConfig, *config);
}

}  // namespace

void init() {
    selftest::add("keyboard controller self-test 0x55", controllerSelfTest);
    uint8_t config = 0;
    if (!setUpController(&config)) {
        lib::kprintf("ps2: no 8042 controller\n");
        return;
    }
    uint8_t result = 0xff;
    g_keyboardPresent = commandReply(kTestKeyboard, &result) && result == kPortPassed && command(kEnableKeyboard) &&
                        resetDevice(false) && sendToDevice(false, kEnableReporting);
    result = 0xff;
    g_mousePresent = commandReply(kTestAux, &result) && result == kPortPassed && command(kEnableAux) &&
                     resetDevice(true) && sendToDevice(true, kSetDefaults) && sendToDevice(true, kEnableReporting);
    if (!g_keyboardPresent) {
        lib::kprintf("ps2: no keyboard\n");
    }
    if (!g_mousePresent) {
        lib::kprintf("ps2: no mouse\n");
    }
    flush();
    config |= kTranslate;
    config = static_cast<uint8_t>(config & ~(kKeyboardClockOff | kAuxClockOff));
    if (g_keyboardPresent) {
        arch::Irq::installIsa(1, "ps2 keyboard", keyboardInterrupt);
        config |= kKeyboardIrq;
    }
    if (g_mousePresent) {
        arch::Irq::installIsa(12, "ps2 mouse", mouseInterrupt);
        config |= kAuxIrq;
    }
    commandWithData(kWriteConfig, config);
}

bool keyboardPresent() { return g_keyboardPresent; }
bool mousePresent() { return g_mousePresent; }

MouseState mouseState() {
    uint64_t flags = arch::Irq::save();
    MouseState state = g_mouse.state();
    arch::Irq::restore(flags);
    return state;
}

void setCapture(bool on) {
    uint64_t flags = arch::Irq::save();
    g_capture = on;
    g_packetCount = 0;
    g_scancodeCount = 0;
    arch::Irq::restore(flags);
}

bool takeMousePacket(MousePacket* packet) {
    uint64_t flags = arch::Irq::save();
    bool any = g_packetCount > 0;
    if (any) {
        *packet = g_packets[g_packetHead];
        g_packetHead = (g_packetHead + 1) % kPacketQueue;
        g_packetCount--;
    }
    arch::Irq::restore(flags);
    return any;
}

int takeScancode() {
    uint64_t flags = arch::Irq::save();
    int byte = -1;
    if (g_scancodeCount > 0) {
        byte = g_scancodes[g_scancodeHead];
        g_scancodeHead = (g_scancodeHead + 1) % kScancodeQueue;
        g_scancodeCount--;
    }
    arch::Irq::restore(flags);
    return byte;
}

bool controllerSelfTest() {
    uint64_t flags = arch::Irq::save();
    uint8_t config = 0;
    uint8_t result = 0;
    bool ok = command(kDisableKeyboard) && command(kDisableAux) && (flush(), readConfig(&config)) &&
              commandReply(kSelfTest, &result) && result == kControllerPassed;
    commandWithData(kWriteConfig, config);
    if (g_keyboardPresent) {
        command(kEnableKeyboard);
    }
    if (g_mousePresent) {
        command(kEnableAux);
    }
    arch::Irq::restore(flags);
    return ok;
}

}  // namespace drivers::ps2
