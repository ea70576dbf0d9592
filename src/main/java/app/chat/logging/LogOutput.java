package app.chat.logging;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;
import org.eclipse.microprofile.config.Config;

/**
 * Where the application's own log lines go. {@code chat.log.format=text} (the default) leaves them
 * to the server's log, in its format. {@code json} writes them as JSON lines ({@link JsonLines}) to
 * the process's standard output instead, the same on every server, for a log shipper to read; the
 * server's own lines keep its format (docs/operations.md says how to make them JSON too).
 */
@ApplicationScoped
public class LogOutput {

    /** The parent of every logger of the application. */
    static final String APPLICATION_LOGGER = "app.chat";

    @Inject
    Config config;

    /** Held here: the logging framework keeps loggers only weakly. */
    private Logger applicationLogger;

    private Handler jsonLines;

    /** Before anything else logs at start-up (the summary included). */
    void start(
            @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class)
                    Object applicationStarted) {
        String format = config.getOptionalValue("chat.log.format", String.class)
                .orElse("text")
                .trim()
                .toLowerCase(Locale.ROOT);
        switch (format) {
            case "text" -> {}
            case "json" -> writeJsonLines();
            default ->
                throw new IllegalStateException(
                        "chat.log.format must be text or json, not \"" + format + "\" (docs/configuration.md)");
        }
    }

    /** The format in effect. */
    public String format() {
        return jsonLines == null ? "text" : "json";
    }

    private void writeJsonLines() {
        // Standard output itself, not System.out, which a server may route back into its own log.
        jsonLines = new StreamHandler(new FileOutputStream(FileDescriptor.out), new JsonLines()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        applicationLogger = Logger.getLogger(APPLICATION_LOGGER);
        applicationLogger.addHandler(jsonLines);
        applicationLogger.setUseParentHandlers(false);
    }

    /** Gives the lines back to the server's log; standard output itself stays open. */
    @PreDestroy
    void stop() {
        if (jsonLines != null) {
            jsonLines.flush();
            applicationLogger.removeHandler(jsonLines);
            applicationLogger.setUseParentHandlers(true);
        }
    }
}
