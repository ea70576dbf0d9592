-- Editing and deleting one's own messages (docs/protocol.md, `edit` and `delete`).
--
-- The message row always holds the message as it is now: an edit replaces its content and sets
-- edited_at; a deletion erases its content for good and sets deleted_at (history then shows a
-- tombstone). Earlier versions are not kept anywhere.
--
-- Each edit or deletion is also a row of its own in this table, a revision: it takes the next id
-- of the one sequence, with the room, or the two people, of the message it revises and no content.
-- So revisions are in the same log as messages, in the same order: the feed delivers them to every
-- instance and a client that resumes from its cursor is replayed the ones it missed, by the same
-- index scans as messages, with no second stream to merge. History pages leave revisions out.
alter table messages add column revises bigint references messages (id);
alter table messages add column edited_at timestamptz;
alter table messages add column deleted_at timestamptz;
alter table messages alter column content drop not null;
alter table messages drop constraint messages_content_check;
alter table messages add constraint messages_content_check check (
    case
        when revises is not null then content is null and edited_at is null and deleted_at is null
        when deleted_at is not null then content is null
        else content is not null and char_length(content) between 1 and 4000
    end);
