-- Full-text search over messages (docs/protocol.md, `search`).
--
-- Each message's words, as PostgreSQL's `simple` text search configuration reads them (lower case,
-- no stemming, no stop words: right for the mixed languages of a company's chat), kept in a
-- generated column that PostgreSQL computes on every insert and edit; a deleted message's vector is
-- empty with its text. Revisions have no text and so no words. The GIN index finds the messages
-- holding the words searched for; which of them the person may read is decided by the query.
-- Without fastupdate, each insert updates the index at once: with it, inserts gather in a pending
-- list that the inserting transaction merges once it is full, and the message writer, whose
-- transactions commit one after another, stalled for it (ack p99 2.2 s instead of 0.14 s at 6 000
-- messages a second offered, BENCHMARKS.md 2026-11-27).
alter table messages add column search tsvector
    generated always as (to_tsvector('simple'::regconfig, coalesce(content, ''))) stored;
create index messages_search on messages using gin (search) with (fastupdate = off);
