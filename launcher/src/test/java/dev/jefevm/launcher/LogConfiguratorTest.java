package dev.jefevm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

class LogConfiguratorTest {

    @Test
    void configure_withoutOtherConfiguration_logsWarningsToStderrPrefixedWithJefevm() {
        LoggerContext context = new LoggerContext();

        ExecutionStatus status = LogConfigurator.configure(context, false);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, status);
        assertEquals(Level.WARN, root.getLevel());
        assertEquals("System.err", stderr.getTarget());
        assertEquals("jefevm: %-5level %logger{0}: %msg%n", ((PatternLayoutEncoder) stderr.getEncoder()).getPattern());
    }

    @Test
    void configure_whenTestsOrTheUserConfigureLogback_leavesItToThem() {
        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, LogConfigurator.configure(new LoggerContext(), true));
        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, new LogConfigurator().configure(new LoggerContext()));
    }
}
