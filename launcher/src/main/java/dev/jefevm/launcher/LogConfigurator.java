package dev.jefevm.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The launcher's logging set up in code (found by logback through {@code ServiceLoader}):
 * serial output owns stdout, so log lines go to stderr, WARN and above unless {@code -v} /
 * {@code -vv} or {@code --strace} raise a level. Configuring in code rather than with
 * {@code logback.xml} spares every start logback's XML configurator: some 270 classes fewer,
 * and {@code jefevm user} of an empty program starts in about 0.6 s instead of 0.7 s (0.9 s of
 * CPU instead of 1.1 s). A {@code logback-test.xml} on the class path (tests) or
 * {@code -Dlogback.configurationFile} still wins.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        boolean configuredElsewhere = System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null;
        return configure(context, configuredElsewhere);
    }

    static ExecutionStatus configure(LoggerContext context, boolean configuredElsewhere) {
        if (configuredElsewhere) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("jefevm: %-5level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
