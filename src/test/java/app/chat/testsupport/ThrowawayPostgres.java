package app.chat.testsupport;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server the test owns: its own data folder and port, so that stopping it (a database
 * outage) leaves the machine's shared server untouched. Built with the installed server binaries;
 * run as the postgres user when the tests run as root, since PostgreSQL refuses to run as root.
 */
public final class ThrowawayPostgres implements AutoCloseable {

    private final Path bin;
    private final Path data;
    private final int port;

    private ThrowawayPostgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    public static ThrowawayPostgres create(String database) throws IOException, InterruptedException, SQLException {
        Path folder = Files.createTempDirectory("chat-pg-");
        Path data = folder.resolve("data");
        ThrowawayPostgres postgres = new ThrowawayPostgres(serverBinaries(), data, ServerProcess.freePort());
        if (runningAsRoot()) {
            postgres.run(List.of("chown", "-R", "postgres", folder.toString()), false);
        }
        postgres.run(
                List.of(
                        postgres.bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        "postgres",
                        "--auth=trust",
                        "--no-sync",
                        "-E",
                        "UTF8"),
                true);
        postgres.start();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        }
        return postgres;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public void start() throws IOException, InterruptedException {
        run(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-w",
                        "-t",
                        "60",
                        "-l",
                        data.resolveSibling("server.log").toString(),
                        "-o",
                        "-p " + port + " -k " + data.getParent() + " -c listen_addresses=127.0.0.1 -c fsync=on",
                        "start"),
                true);
    }

    /** An abrupt outage: the server stops at once, dropping every connection. */
    public void stop() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-m", "immediate", "stop"), true);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            stop();
        }
    }

    private void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres && runningAsRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static Path serverBinaries() throws IOException {
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(Path.of("/usr/lib/postgresql"))) {
            for (Path version : versions) {
                if (Files.isExecutable(version.resolve("bin/initdb"))) {
                    return version.resolve("bin");
                }
            }
        }
        throw new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql");
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
