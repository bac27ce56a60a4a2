package dev.jefevm.launcher.monitor;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jefevm.core.cpu.CpuState;
import dev.jefevm.devices.ps2.KeyCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's request language, QMP-like: one JSON object per line,
 * {@code {"execute": NAME, "arguments": {...}, "id": ANY}}, answered by one line,
 * {@code {"return": ..., "id": ...}} or {@code {"error": {"class": ..., "desc": ...}, "id": ...}}.
 * Requests are parsed and checked on the caller's thread; what touches the machine runs on the
 * vCPU thread through {@link MachineTarget#post}. Every malformed request gets an error reply;
 * nothing a client sends makes this class throw.
 */
public final class MonitorProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorProtocol.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_MOUSE_BUTTONS = 7;

    private final ObjectMapper mapper = new ObjectMapper();
    private final MachineTarget target;
    private final String version;
    private final long vcpuTimeoutMillis;

    /**
     * A protocol speaking to {@code target}.
     *
     * @param version the VM version reported in the greeting
     * @param vcpuTimeoutMillis how long a command waits for the vCPU thread before failing
     */
    public MonitorProtocol(MachineTarget target, String version, long vcpuTimeoutMillis) {
        this.target = target;
        this.version = version;
        this.vcpuTimeoutMillis = vcpuTimeoutMillis;
    }

    /** The line sent to each client on connect. */
    public String greeting() {
        ObjectNode qmp = JSON.objectNode();
        qmp.putObject("QMP").put("version", version).putArray("capabilities");
        return qmp.toString();
    }

    /** The reply to a line that exceeded the server's length limit. */
    public String tooLong(int limit) {
        return errorReply("GenericError", "request longer than " + limit + " bytes", null);
    }

    /** Handles one request line and returns the reply line (without the newline). */
    public String handle(String line) {
        JsonNode request;
        try {
            request = mapper.readTree(line);
        } catch (JacksonException e) {
            return errorReply("GenericError", "JSON parse error: " + e.getOriginalMessage(), null);
        }
        if (request == null || !request.isObject()) {
            return errorReply("GenericError", "a request must be a JSON object", null);
        }
        JsonNode id = request.get("id");
        JsonNode execute = request.get("execute");
        if (execute == null || !execute.isTextual()) {
            return errorReply("GenericError", "'execute' must be a string naming the command", id);
        }
        JsonNode args = request.get("arguments");
        if (args != null && !args.isObject() && !args.isNull()) {
            return errorReply("GenericError", "'arguments' must be an object", id);
        }
        try {
            JsonNode result = execute(execute.textValue(), new Arguments(args == null ? JSON.objectNode() : args));
            ObjectNode reply = JSON.objectNode();
            reply.set("return", result);
            if (id != null) {
                reply.set("id", id);
            }
            return reply.toString();
        } catch (MonitorError e) {
            return errorReply(e.errorClass(), e.getMessage(), id);
        }
    }

    private JsonNode execute(String command, Arguments args) throws MonitorError {
        return switch (command) {
            case "qmp_capabilities" -> JSON.objectNode();
            case "sendkey" -> sendKey(args);
            case "type" -> type(args);
            case "mouse_move" -> mouseMove(args);
            case "mouse_button" -> mouseButton(args);
            case "screendump" -> screendump(args);
            case "info" -> info(args);
            case "query-status" -> onVcpu(() -> status(target.running()));
            case "stop" -> onVcpu(() -> {
                target.stop();
                return JSON.objectNode();
            });
            case "cont" -> onVcpu(() -> {
                target.cont();
                return JSON.objectNode();
            });
            case "system_reset" -> onVcpu(() -> {
                target.systemReset();
                return JSON.objectNode();
            });
            case "system_powerdown" -> onVcpu(() -> {
                target.systemPowerdown();
                return JSON.objectNode();
            });
            case "quit" -> {
                // Not waited for: quitting may end the vCPU thread before it could answer.
                target.post(target::quit);
                yield JSON.objectNode();
            }
            default -> throw new MonitorError("CommandNotFound", "the command " + command + " has not been found");
        };
    }

    private JsonNode sendKey(Arguments args) throws MonitorError {
        JsonNode keys = args.raw("keys");
        List<KeyCode> combo = new ArrayList<>();
        try {
            if (keys != null && keys.isTextual()) {
                combo.addAll(KeyNames.parseCombo(keys.textValue()));
            } else if (keys != null && keys.isArray() && !keys.isEmpty()) {
                for (JsonNode k : keys) {
                    // QMP spells a key {"type": "qcode", "data": "ctrl"}; a bare string is accepted too
                    JsonNode name = k.isObject() ? k.get("data") : k;
                    if (name == null || !name.isTextual()) {
                        throw MonitorError.generic("parameter 'keys' expects key names");
                    }
                    KeyCode key = KeyNames.lookup(name.textValue());
                    if (key == null) {
                        throw MonitorError.generic("unknown key '" + name.textValue() + "'");
                    }
                    combo.add(key);
                }
            } else {
                throw MonitorError.generic("parameter 'keys' expects a string like \"ctrl-alt-delete\" or a list of keys");
            }
        } catch (IllegalArgumentException e) {
            throw MonitorError.generic(e.getMessage());
        }
        return onVcpu(() -> {
            for (KeyCode k : combo) {
                target.keyDown(k);
            }
            for (int i = combo.size() - 1; i >= 0; i--) {
                target.keyUp(combo.get(i));
            }
            return JSON.objectNode();
        });
    }

    private JsonNode type(Arguments args) throws MonitorError {
        String text = args.requiredString("text");
        List<TextKeys> strokes = new ArrayList<>(text.length());
        for (int i = 0; i < text.length(); i++) {
            TextKeys k = TextKeys.of(text.charAt(i));
            if (k == null) {
                throw MonitorError.generic("cannot type character U+" + String.format("%04X", (int) text.charAt(i))
                        + " at offset " + i + " on a US keyboard");
            }
            strokes.add(k);
        }
        return onVcpu(() -> {
            for (TextKeys k : strokes) {
                if (k.shift()) {
                    target.keyDown(KeyCode.LEFT_SHIFT);
                }
                target.keyDown(k.key());
                target.keyUp(k.key());
                if (k.shift()) {
                    target.keyUp(KeyCode.LEFT_SHIFT);
                }
            }
            return JSON.objectNode();
        });
    }

    private JsonNode mouseMove(Arguments args) throws MonitorError {
        int dx = args.requiredInt("dx");
        int dy = args.requiredInt("dy");
        int dz = args.optionalInt("dz", 0);
        return onVcpu(() -> {
            target.mouseMove(dx, dy, dz);
            return JSON.objectNode();
        });
    }

    private JsonNode mouseButton(Arguments args) throws MonitorError {
        int state = args.requiredInt("state");
        if (state < 0 || state > MAX_MOUSE_BUTTONS) {
            throw MonitorError.generic("parameter 'state' is a button mask 0..7 (1 left, 2 right, 4 middle)");
        }
        return onVcpu(() -> {
            target.mouseButtons(state);
            return JSON.objectNode();
        });
    }

    private JsonNode screendump(Arguments args) throws MonitorError {
        String filename = args.optionalString("filename");
        String format = args.optionalString("format");
        if (format != null && !format.equals("png")) {
            throw MonitorError.generic("unsupported format '" + format + "' (available: png)");
        }
        BufferedImage[] image = new BufferedImage[1];
        onVcpu(() -> {
            image[0] = target.screenshot();
            return JSON.nullNode();
        });
        if (image[0] == null) {
            throw new MonitorError("DeviceNotActive", "the machine has no display");
        }
        // PNG encoding runs here, off the vCPU thread: the screenshot is the target's own copy
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image[0], "png", png);
            if (filename != null) {
                Files.write(Path.of(filename), png.toByteArray());
                return JSON.objectNode();
            }
        } catch (IOException | RuntimeException e) {
            throw MonitorError.generic("cannot write the screen dump: " + e.getMessage());
        }
        ObjectNode result = JSON.objectNode();
        result.put("width", image[0].getWidth());
        result.put("height", image[0].getHeight());
        result.put("png", Base64.getEncoder().encodeToString(png.toByteArray()));
        return result;
    }

    private JsonNode info(Arguments args) throws MonitorError {
        String what = args.requiredString("what");
        return switch (what) {
            case "registers" -> onVcpu(() -> {
                StringBuilder text = new StringBuilder();
                List<CpuState> cpus = target.cpus();
                for (int i = 0; i < cpus.size(); i++) {
                    if (cpus.size() > 1) {
                        text.append("CPU#").append(i).append('\n');
                    }
                    text.append(RegisterDump.format(cpus.get(i)));
                }
                return JSON.textNode(text.toString());
            });
            case "cpus" -> onVcpu(() -> {
                ArrayNode list = JSON.arrayNode();
                List<CpuState> cpus = target.cpus();
                for (int i = 0; i < cpus.size(); i++) {
                    ObjectNode cpu = list.addObject();
                    cpu.put("cpu-index", i);
                    cpu.put("pc", new BigInteger(Long.toUnsignedString(cpus.get(i).rip)));
                    cpu.put("halted", cpus.get(i).halted);
                    cpu.put("current", i == 0);
                }
                return list;
            });
            case "devices" -> onVcpu(() -> {
                ArrayNode list = JSON.arrayNode();
                for (String d : target.devices()) {
                    list.add(d);
                }
                return list;
            });
            default -> throw MonitorError.generic("unknown info item '" + what + "' (available: registers, cpus, devices)");
        };
    }

    private static JsonNode status(boolean running) {
        ObjectNode s = JSON.objectNode();
        s.put("running", running);
        s.put("status", running ? "running" : "paused");
        return s;
    }

    /** A piece of work for the vCPU thread that produces the reply's "return" value. */
    @FunctionalInterface
    private interface VcpuTask {
        JsonNode run();
    }

    /** Runs {@code task} on the vCPU thread and waits (bounded) for its result. */
    private JsonNode onVcpu(VcpuTask task) throws MonitorError {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        target.post(() -> {
            try {
                result.complete(task.run());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(vcpuTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw MonitorError.generic("the VM did not answer within " + vcpuTimeoutMillis + " ms");
        } catch (ExecutionException e) {
            LOG.debug("monitor command failed on the vCPU thread", e.getCause());
            throw MonitorError.generic("command failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MonitorError.generic("interrupted while waiting for the VM");
        }
    }

    private static String errorReply(String errorClass, String desc, JsonNode id) {
        ObjectNode reply = JSON.objectNode();
        ObjectNode error = reply.putObject("error");
        error.put("class", errorClass);
        error.put("desc", desc);
        if (id != null) {
            reply.set("id", id);
        }
        return reply.toString();
    }
}
