package app.chat.users;

import app.chat.protocol.ErrorCode;
import app.chat.protocol.RequestRejected;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A search of the people directory: the words typed (each matching the start of a word of a
 * person's name, id or e-mail address, whatever the case and accents), a page of at most
 * {@code limit} results after skipping {@code offset}. Every part is bounded: its length, its words,
 * the page size and how deep one may page.
 */
public record PeopleQuery(String text, int limit, int offset) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    public static final int MAX_LENGTH = 100;
    /** Ten pages of the largest size: further than anyone scrolls a list of search results. */
    public static final int MAX_OFFSET = 500;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MAX_WORDS = 8;
    private static final int INDEXED_LENGTH = 20;

    public PeopleQuery {
        if (text == null || text.isBlank()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "\"query\" must hold a letter or digit");
        }
        if (text.length() > MAX_LENGTH) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "\"query\" must be at most " + MAX_LENGTH + " characters");
        }
        text = normalized(text).strip();
        if (words(text).length == 0) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "\"query\" must hold a letter or digit");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "\"limit\" must be from 1 to " + MAX_LIMIT);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "\"offset\" must be from 0 to " + MAX_OFFSET);
        }
    }

    /**
     * What a person is found by, as stored in users.search_text: every beginning of every word of
     * their name, id and e-mail address ({@code jo.smith@acme.example} is four words), without
     * accents, in lower case. Stored beginnings make a search exact matches of whole index entries,
     * which PostgreSQL's statistics estimate well (prefix queries it estimates at 2 % of the table,
     * and so reads all of it), at the price of about ten entries a word.
     */
    public static String searchText(String name, String id, String email) {
        Set<String> beginnings = new LinkedHashSet<>();
        for (String word : words(normalized(name + " " + id + (email == null ? "" : " " + email)))) {
            String indexed = indexed(word);
            for (int end = 1; end <= indexed.length(); end++) {
                beginnings.add(indexed.substring(0, end));
            }
        }
        return String.join(" ", beginnings);
    }

    /** The name as results are ranked by, stored in users.search_name: without accents, in lower case. */
    public static String searchName(String name) {
        return normalized(name);
    }

    /** Without accents (é is e, Å is a) and in lower case, as both the stored text and the query are compared. */
    static String normalized(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
                .replaceAll("")
                .toLowerCase(Locale.ROOT);
    }

    /**
     * The PostgreSQL text search query: every word typed, each the beginning of a word the person
     * is found by ({@code jo & smi}). Only letters and digits reach it, so nothing in it is an
     * operator.
     */
    String tsQuery() {
        return Arrays.stream(words(text))
                .limit(MAX_WORDS)
                .map(PeopleQuery::indexed)
                .collect(Collectors.joining(" & "));
    }

    /** Words are indexed by their first {@link #INDEXED_LENGTH} characters: longer ones match on those. */
    private static String indexed(String word) {
        return word.length() <= INDEXED_LENGTH ? word : word.substring(0, INDEXED_LENGTH);
    }

    /** The text as a LIKE pattern for "the name starts with it". */
    String namePrefixPattern() {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String[] words(String text) {
        return Arrays.stream(NOT_WORD.split(text, -1))
                .filter(word -> !word.isEmpty())
                .toArray(String[]::new);
    }
}
