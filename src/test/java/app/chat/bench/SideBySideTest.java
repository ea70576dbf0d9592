package app.chat.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SideBySideTest {

    @TempDir
    Path runs;

    private String table(String product, String peer, String bare) throws Exception {
        Files.writeString(runs.resolve("product"), product);
        Files.writeString(runs.resolve("peer"), peer);
        Files.writeString(runs.resolve("bare"), bare);
        SideBySide.main(new String[] {
            runs.resolve("product").toString(),
            runs.resolve("peer").toString(),
            runs.resolve("bare").toString(),
            runs.resolve("table").toString()
        });
        return Files.readString(runs.resolve("table"));
    }

    @Test
    void deliveriesPerCoreSecondComeFromTheCpuPerDeliveryAndMoreIsAhead() throws Exception {
        String table = table("fanout.cpu_us.50=10.0\n", "fanout.cpu_us.50=20.0\n", "fanout.cpu_us.50=8.0\n");
        assertTrue(
                table.contains(
                        "| fanout: deliveries per server core-second (50 msg/s x 1 000 members) | 100000 | 50000 |"
                                + " 125000 | 2.00 | yes |"),
                table);
    }

    @Test
    void forALatencyLessIsAheadAndAFigureAPeerLacksIsShownAsADash() throws Exception {
        String table = table("durable.p99=30.0\n", "durable.p99=20.0\n", "");
        assertTrue(table.contains("| durable, closed loop: ack p99 (ms) | 30.0 | 20.0 | — | 1.50 | no |"), table);
    }

    @Test
    void messagesNeverAcknowledgedAreSaidSoRatherThanGivenAFigure() throws Exception {
        String table = table("offered.p99.4000=12.5\n", "offered.p99.4000=Infinity\n", "");
        assertTrue(
                table.contains(
                        "| durable, open loop: ack p99 at 4 000 msg/s offered (ms) | 12.5 | not all acknowledged |"),
                table);
    }

    @Test
    void aBestRateOfZeroMeansNoRateMetTheBound() throws Exception {
        String table = table("fanout.best=0.0\n", "fanout.best=50063.0\n", "fanout.best=75125.0\n");
        assertTrue(
                table.contains(
                        "| fanout: best rate with p99 ≤ 100 ms (deliveries/s) | none | 50063 | 75125 | 0.00 | no |"),
                table);
    }
}
