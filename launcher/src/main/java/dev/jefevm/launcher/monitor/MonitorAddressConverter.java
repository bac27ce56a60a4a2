package dev.jefevm.launcher.monitor;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Picocli converter for {@code --monitor unix:PATH|tcp:127.0.0.1:PORT}; bad values become usage errors. */
public final class MonitorAddressConverter implements ITypeConverter<MonitorAddress> {

    @Override
    public MonitorAddress convert(String value) {
        try {
            return MonitorAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
