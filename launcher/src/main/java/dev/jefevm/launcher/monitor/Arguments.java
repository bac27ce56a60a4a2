package dev.jefevm.launcher.monitor;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed access to a request's "arguments" object: each getter checks the JSON type and turns a
 * missing or mistyped argument into a {@link MonitorError} naming it.
 */
final class Arguments {

    private final JsonNode node;

    Arguments(JsonNode node) {
        this.node = node;
    }

    String requiredString(String name) throws MonitorError {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw MonitorError.generic("parameter '" + name + "' is missing");
        }
        if (!v.isTextual()) {
            throw MonitorError.generic("parameter '" + name + "' expects a string");
        }
        return v.textValue();
    }

    String optionalString(String name) throws MonitorError {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : requiredString(name);
    }

    int requiredInt(String name) throws MonitorError {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw MonitorError.generic("parameter '" + name + "' is missing");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw MonitorError.generic("parameter '" + name + "' expects an integer");
        }
        return v.intValue();
    }

    int optionalInt(String name, int fallback) throws MonitorError {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? fallback : requiredInt(name);
    }

    JsonNode raw(String name) {
        return node.get(name);
    }
}
