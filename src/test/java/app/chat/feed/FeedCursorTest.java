package app.chat.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.chat.messages.PostedMessage;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FeedCursorTest {

    /** A log of messages with the given ids, answering like the database: ids above, in order, a page at most. */
    private static FeedCursor.Log log(long... ids) {
        return (after, limit) -> LongStream.of(ids)
                .filter(id -> id > after)
                .sorted()
                .limit(limit)
                .mapToObj(FeedCursorTest::message)
                .toList();
    }

    private static PostedMessage message(long id) {
        return PostedMessage.posted(id, "alice", null, 1L, "general", "m" + id, Instant.EPOCH, null);
    }

    private static List<Long> ids(List<PostedMessage> messages) {
        return messages.stream().map(PostedMessage::id).toList();
    }

    @Test
    void catchingUpHandsOnEverythingAfterThePositionInIdOrder() throws SQLException {
        FeedCursor cursor = new FeedCursor(2);
        List<PostedMessage> handed = new ArrayList<>();

        int count = cursor.catchUp(log(1, 2, 3, 5, 8), handed::add);

        assertEquals(List.of(3L, 5L, 8L), ids(handed));
        assertEquals(3, count);
        assertEquals(8, cursor.position());
    }

    @Test
    void aLogLongerThanAPageIsReadPageByPage() throws SQLException {
        long[] many = LongStream.rangeClosed(1, FeedCursor.PAGE * 2L + 7).toArray();
        FeedCursor cursor = new FeedCursor(0);
        List<PostedMessage> handed = new ArrayList<>();

        cursor.catchUp(log(many), handed::add);

        assertEquals(many.length, handed.size());
        assertEquals(LongStream.of(many).boxed().toList(), ids(handed));
    }

    @Test
    void aSecondCatchUpHandsOnOnlyWhatWasCommittedSince() throws SQLException {
        FeedCursor cursor = new FeedCursor(0);
        cursor.catchUp(log(1, 2), message -> {});
        List<PostedMessage> handed = new ArrayList<>();

        cursor.catchUp(log(1, 2, 3, 4), handed::add);

        assertEquals(List.of(3L, 4L), ids(handed));
    }

    @Test
    void rowsAtOrBelowThePositionAreNeverHandedOnAgain() throws SQLException {
        FeedCursor cursor = new FeedCursor(5);
        List<PostedMessage> handed = new ArrayList<>();
        FeedCursor.Log repeating =
                (after, limit) -> List.of(message(4), message(5), message(6), message(6), message(7));

        cursor.catchUp(repeating, handed::add);

        assertEquals(List.of(6L, 7L), ids(handed));
    }

    @Test
    void aFullPageThatBringsNothingNewEndsTheCatchUpInsteadOfLoopingForever() throws SQLException {
        long position = FeedCursor.PAGE + 10L;
        FeedCursor cursor = new FeedCursor(position);
        List<PostedMessage> stale = LongStream.rangeClosed(1, FeedCursor.PAGE)
                .mapToObj(FeedCursorTest::message)
                .toList();

        assertEquals(0, cursor.catchUp((after, limit) -> stale, message -> {}));
        assertEquals(position, cursor.position());
    }

    @Test
    void aFailedReadKeepsThePositionAfterTheLastMessageHandedOnSoTheNextCatchUpContinuesThere() throws SQLException {
        long[] many = LongStream.rangeClosed(1, FeedCursor.PAGE + 3L).toArray();
        FeedCursor cursor = new FeedCursor(0);
        List<PostedMessage> handed = new ArrayList<>();
        int[] reads = {0};
        FeedCursor.Log failingOnTheSecondPage = (after, limit) -> {
            if (++reads[0] == 2) {
                throw new SQLException("connection lost");
            }
            return log(many).after(after, limit);
        };

        assertThrows(SQLException.class, () -> cursor.catchUp(failingOnTheSecondPage, handed::add));
        assertEquals(FeedCursor.PAGE, cursor.position());
        cursor.catchUp(log(many), handed::add);

        assertEquals(LongStream.of(many).boxed().toList(), ids(handed), "each exactly once, in order");
    }

    private static List<PostedMessage> messages(long... ids) {
        return LongStream.of(ids).mapToObj(FeedCursorTest::message).toList();
    }

    @Test
    void aBatchOfThisInstanceThatFollowsThePositionIsHandedOnWithoutReadingTheLog() {
        FeedCursor cursor = new FeedCursor(7);
        List<PostedMessage> handed = new ArrayList<>();

        assertTrue(cursor.handOnCommitted(7, messages(8, 9, 11), handed::add));

        assertEquals(List.of(8L, 9L, 11L), ids(handed));
        assertEquals(11, cursor.position());
    }

    @Test
    void aBatchWithUnreadMessagesOfAnotherInstanceBeforeItIsLeftToARead() {
        FeedCursor cursor = new FeedCursor(7);
        List<PostedMessage> handed = new ArrayList<>();

        assertFalse(cursor.handOnCommitted(9, messages(10, 11), handed::add));

        assertEquals(List.of(), handed);
        assertEquals(7, cursor.position(), "the read that follows starts from the same place");
    }

    @Test
    void aBatchThatAReadOfTheLogAlreadyDeliveredIsNotHandedOnAgain() throws SQLException {
        FeedCursor cursor = new FeedCursor(7);
        List<PostedMessage> handed = new ArrayList<>();
        cursor.catchUp(log(8, 9), handed::add); // the periodic read got there before the writer's hand-over

        assertTrue(cursor.handOnCommitted(7, messages(8, 9), handed::add));

        assertEquals(List.of(8L, 9L), ids(handed));
    }
}
