// arch/Irq: see Irq.h.
#include "arch/Irq.h"

#include "arch/IoApic.h"
#include "arch/Lapic.h"
#include "arch/Pic8259.h"
#include "drivers/Madt.h"
#include "sched/Scheduler.h"

namespace arch {

namespace {

constexpr int kVectors = 256;
constexpr uint8_t kIsaIrqs = 16;

Irq::Controller g_controller = Irq::Controller::None;
Irq::Handler g_handlers[kVectors] = {};
const char* g_names[kVectors] = {};
uint64_t g_counts[kVectors] = {};
drivers::MadtInfo g_madt;

bool isIsaVector(uint64_t vector) { return vector >= Irq::kIsaBase && vector < Irq::kIsaBase + kIsaIrqs; }

}  // namespace

void Irq::useController(Controller controller) { g_controller = controller; }

Irq::Controller Irq::controller() { return g_controller; }

void Irq::setMadt(const drivers::MadtInfo& madt) { g_madt = madt; }

void Irq::install(uint8_t vector, const char* name, Handler handler) {
    uint64_t flags = save();
    g_handlers[vector] = handler;
    g_names[vector] = name;
    restore(flags);
}

void Irq::installIsa(uint8_t isaIrq, const char* name, Handler handler) {
    if (isaIrq >= kIsaIrqs) {
        return;
    }
    uint8_t vector = static_cast<uint8_t>(kIsaBase + isaIrq);
    install(vector, name, handler);
    if (g_controller == Controller::Apic) {
        const drivers::IsaRoute& r = g_madt.isa[isaIrq];
        IoApic::route(r.gsi, vector, static_cast<uint8_t>(Lapic::id()), r.activeLow, r.levelTriggered);
    } else if (g_controller == Controller::Pic) {
        Pic8259::unmask(isaIrq);
    }
}

uint64_t Irq::count(uint8_t vector) { return g_counts[vector]; }

const char* Irq::name(uint8_t vector) { return g_names[vector]; }

}  // namespace arch

extern "C" void irq_dispatch(arch::InterruptFrame* frame) {
    using arch::Irq;
    uint64_t vector = frame->vector & 0xFF;
    bool pic = Irq::controller() == Irq::Controller::Pic && arch::isIsaVector(vector);
    if (pic && arch::Pic8259::isSpurious(static_cast<uint8_t>(vector - Irq::kIsaBase))) {
        return;  // 8259A: no EOI for a spurious IRQ 7/15 (the slave case was handled inside)
    }
    arch::g_counts[vector]++;
    if (arch::g_handlers[vector] != nullptr) {
        arch::g_handlers[vector](*frame);
    }
    if (pic) {
        arch::Pic8259::eoi(static_cast<uint8_t>(vector - Irq::kIsaBase));
    } else if (Irq::controller() == Irq::Controller::Apic && vector != Irq::kSpurious) {
        arch::Lapic::eoi();  // SDM Vol.3 10.9: no EOI for the spurious vector
    }
    sched::Scheduler::preemptIfRequested();
}
