package app.chat.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.auth.AuthenticatedUser;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    /** A session whose sends complete when the test says so, or at once if {@code inline}. */
    private static final class FakeSession {
        final List<String> written = new ArrayList<>();
        final List<SendHandler> pending = new ArrayList<>();
        final List<ClassLoader> contextLoaders = new ArrayList<>();
        final AtomicReference<CloseReason> closed = new AtomicReference<>();
        boolean inline;
        boolean failing;

        Session session() {
            RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                        if (method.getName().equals("sendText") && args.length == 2) {
                            written.add((String) args[0]);
                            contextLoaders.add(Thread.currentThread().getContextClassLoader());
                            SendHandler handler = (SendHandler) args[1];
                            if (failing) {
                                handler.onResult(new SendResult(new IOException("broken pipe")));
                            } else if (inline) {
                                handler.onResult(new SendResult());
                            } else {
                                pending.add(handler);
                            }
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            return (Session) Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getAsyncRemote" -> remote;
                        case "close" -> {
                            closed.set((CloseReason) args[0]);
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        void completeNext() {
            pending.remove(0).onResult(new SendResult());
        }
    }

    private final FakeSession fake = new FakeSession();
    private final List<Connection> dropped = new ArrayList<>();
    private final Connection connection = new Connection(
            fake.session(),
            new AuthenticatedUser("alice", "Alice", null, Instant.now().plusSeconds(3600)),
            Framing.SINGLE,
            Runnable::run,
            Runnable::run,
            dropped::add,
            OutboundMemory.unbounded());

    @Test
    void framesLeaveInOrderWithOneWriteInFlight() {
        connection.send("one");
        connection.send("two");
        connection.send("three");
        assertEquals(List.of("one"), fake.written);

        fake.completeNext();
        assertEquals(List.of("one", "two"), fake.written);
        fake.completeNext();
        fake.completeNext();
        assertEquals(List.of("one", "two", "three"), fake.written);
        assertTrue(fake.pending.isEmpty());
    }

    /** A connection whose sender tasks wait in {@code senderTasks} until the test runs them. */
    private Connection writtenBy(List<Runnable> senderTasks, Framing framing) {
        return new Connection(
                fake.session(),
                new AuthenticatedUser("bob", "Bob", null, Instant.now().plusSeconds(3600)),
                framing,
                senderTasks::add,
                Runnable::run,
                dropped::add,
                OutboundMemory.unbounded());
    }

    @Test
    void framesAreWrittenByTheSenderNotByWhoeverQueuedThem() {
        List<Runnable> senderTasks = new ArrayList<>();
        Connection handedOff = writtenBy(senderTasks, Framing.SINGLE);

        handedOff.send("one");
        handedOff.send("two");
        assertTrue(fake.written.isEmpty());

        fake.inline = true;
        senderTasks.forEach(Runnable::run);
        assertEquals(1, senderTasks.size());
        assertEquals(List.of("one", "two"), fake.written);
    }

    @Test
    void sendsThatCompleteInlineDrainTheQueueWithoutRecursing() {
        connection.send("first");
        IntStream.range(0, Connection.MAX_QUEUED_FRAMES).forEach(i -> connection.send("queued " + i));
        fake.inline = true;

        fake.completeNext();

        assertEquals(Connection.MAX_QUEUED_FRAMES + 1, fake.written.size());
        assertEquals("queued " + (Connection.MAX_QUEUED_FRAMES - 1), fake.written.get(fake.written.size() - 1));
        assertTrue(connection.flushed().isDone());
    }

    @Test
    void theContainerIsCalledWithThePlatformContextLoaderWhichIsThenRestored() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        connection.send("frame");

        assertSame(ClassLoader.getPlatformClassLoader(), fake.contextLoaders.get(0));
        assertSame(before, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void aClientThatStopsReadingIsClosedWithTryAgainLater() {
        connection.send("stuck");
        IntStream.range(0, Connection.MAX_QUEUED_FRAMES).forEach(i -> connection.send("queued " + i));
        assertNull(fake.closed.get());

        connection.send("one too many");

        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, fake.closed.get().getCloseCode());
        assertEquals(List.of(connection), dropped);
    }

    @Test
    void droppableFramesAreSkippedOnceTheClientIsBehind() {
        connection.send("in flight");
        IntStream.range(0, Connection.DROPPABLE_BACKLOG).forEach(i -> connection.send("queued " + i));

        connection.sendDroppable("typing");
        fake.inline = true;
        fake.completeNext();

        assertFalse(fake.written.contains("typing"));
        assertNull(fake.closed.get());
    }

    @Test
    void aFailedWriteGivesTheConnectionUp() {
        fake.failing = true;

        connection.send("lost");
        connection.send("never written");

        assertEquals(List.of("lost"), fake.written);
        assertEquals(Connection.TOO_SLOW, fake.closed.get());
        assertEquals(List.of(connection), dropped);
    }

    @Test
    void liveMessagesWaitWhileHeldAndOnlyThoseNotReplayedAreSentOnRelease() {
        fake.inline = true;
        connection.hold();
        connection.deliver(5, "message 5");
        connection.deliver(6, "message 6");
        assertTrue(fake.written.isEmpty());

        connection.send("replayed 5");
        connection.release(5);

        assertEquals(List.of("replayed 5", "message 6"), fake.written);
    }

    @Test
    void aLiveMessageThatAResumeAlreadyReplayedIsNotSentAgainWhenItArrivesLate() {
        fake.inline = true;
        connection.hold();
        connection.send("replayed 7");
        connection.send("replayed 8");
        connection.release(8);

        connection.deliver(8, "message 8");
        connection.deliver(9, "message 9");

        assertEquals(List.of("replayed 7", "replayed 8", "message 9"), fake.written);
    }

    private Connection boundedBy(OutboundMemory memory, String userId) {
        return framed(Framing.SINGLE, memory, userId);
    }

    private Connection framed(Framing framing, OutboundMemory memory, String userId) {
        return new Connection(
                fake.session(),
                new AuthenticatedUser(userId, userId, null, Instant.now().plusSeconds(3600)),
                framing,
                Runnable::run,
                Runnable::run,
                dropped::add,
                memory);
    }

    @Test
    void aClientThatStopsReadingIsCutOnceItsQueuedTextPassesTheByteBound() {
        OutboundMemory memory = new OutboundMemory(10_000, 0, () -> 1);
        Connection bounded = boundedBy(memory, "carol");
        String page = "x".repeat(3_000);
        bounded.send(page);
        bounded.send(page);
        bounded.send(page);
        assertNull(fake.closed.get());
        assertEquals(9_000, memory.used());

        bounded.send(page);

        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, fake.closed.get().getCloseCode());
        assertEquals(0, memory.used());
    }

    @Test
    void writtenFramesGiveTheirRoomBack() {
        OutboundMemory memory = new OutboundMemory(10_000, 0, () -> 1);
        Connection bounded = boundedBy(memory, "dave");
        bounded.send("a".repeat(4_000));
        bounded.send("b".repeat(4_000));
        fake.inline = true;
        fake.completeNext();

        bounded.send("c".repeat(8_000));

        assertNull(fake.closed.get());
        assertEquals(0, memory.used());
    }

    @Test
    void onceTheServerWideBoundIsReachedTheConnectionOverItsShareIsCut() {
        // 2 connections share 10 000: each one's fair share is 5 000.
        OutboundMemory memory = new OutboundMemory(0, 10_000, () -> 2);
        FakeSession other = new FakeSession();
        Connection reader = new Connection(
                other.session(),
                new AuthenticatedUser("erin", "Erin", null, Instant.now().plusSeconds(3600)),
                Framing.SINGLE,
                Runnable::run,
                Runnable::run,
                dropped::add,
                memory);
        Connection hog = boundedBy(memory, "hog");
        for (int i = 0; i < 9; i++) {
            hog.send("h".repeat(1_000));
        }
        reader.send("r".repeat(1_000));
        assertNull(fake.closed.get());

        hog.send("h".repeat(1_000));
        reader.send("r".repeat(1_000));

        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, fake.closed.get().getCloseCode());
        assertNull(other.closed.get());
    }

    @Test
    void withLinesTheEventsQueuedBehindAWriteLeaveTogetherInTheNextFrame() {
        Connection lines = framed(Framing.LINES, OutboundMemory.unbounded(), "frank");
        lines.send("{\"n\":1}");
        lines.send("{\"n\":2}");
        lines.send("{\"n\":3}");
        assertEquals(List.of("{\"n\":1}"), fake.written);

        fake.completeNext();

        assertEquals(List.of("{\"n\":1}", "{\"n\":2}\n{\"n\":3}"), fake.written);
    }

    @Test
    void withLinesEverythingQueuedBeforeTheSenderRunsLeavesInOneFrame() {
        List<Runnable> senderTasks = new ArrayList<>();
        Connection lines = writtenBy(senderTasks, Framing.LINES);
        lines.send("a");
        lines.send("b");
        lines.send("c");

        senderTasks.forEach(Runnable::run);

        assertEquals(List.of("a\nb\nc"), fake.written);
    }

    @Test
    void withOneEventPerFrameQueuedEventsStillLeaveOneByOne() {
        connection.send("a");
        connection.send("b");
        connection.send("c");
        fake.inline = true;

        fake.completeNext();

        assertEquals(List.of("a", "b", "c"), fake.written);
    }

    @Test
    void aFrameOfLinesStopsBeforeItWouldPassTheLimitAndTheRestFollows() {
        Connection lines = framed(Framing.LINES, OutboundMemory.unbounded(), "hank");
        String half = "h".repeat(Framing.MAX_LINES_CHARS / 2);
        lines.send("first");
        lines.send(half);
        lines.send(half);
        lines.send("last");
        fake.inline = true;

        fake.completeNext();

        assertEquals(List.of("first", half, half + "\nlast"), fake.written);
        assertTrue(fake.written.stream().allMatch(frame -> frame.length() <= Framing.MAX_LINES_CHARS));
    }

    @Test
    void aFrameOfLinesGivesTheRoomOfAllItsEventsBack() {
        OutboundMemory memory = new OutboundMemory(10_000, 0, () -> 1);
        Connection lines = framed(Framing.LINES, memory, "ivan");
        lines.send("a".repeat(1_000));
        lines.send("b".repeat(2_000));
        lines.send("c".repeat(3_000));
        assertEquals(6_000, memory.used());

        fake.completeNext();
        assertEquals(5_000, memory.used()); // b and c are in flight together
        fake.completeNext();

        assertEquals(0, memory.used());
        assertTrue(lines.flushed().isDone());
    }
}
