-- Reactions (docs/protocol.md, `react` and `unreact`) and replies (`reply_to` of `message` and `dm`).
--
-- Who reacted with what is a row of reactions per person and emoji: one reaction per person per
-- emoji by the primary key. A deletion removes the message's reactions with its text.
--
-- Each reaction added or taken back is also a revision in the message log, like an edit: the next
-- id of the one sequence, revises naming the message, with the conversation of the message (in a
-- direct conversation from_user is who reacted and to_user the other person), the emoji, whether it
-- was added, and how many people reacted with that emoji once it was stored. So everyone receives
-- reactions in one order with messages, other instances through the feed, and a client that resumes
-- is replayed those it missed, counts included, by the log's index scans.
create table reactions (
    message_id bigint       not null references messages (id),
    emoji      varchar(64)  not null,
    user_id    varchar(255) not null references users (id),
    reacted_at timestamptz  not null,
    primary key (message_id, emoji, user_id)
);

alter table messages add column reaction varchar(64);
alter table messages add column reaction_added boolean;
alter table messages add column reaction_count integer;
alter table messages add constraint messages_reaction_check check (
    (reaction is null and reaction_added is null and reaction_count is null)
    or (revises is not null and reaction_added is not null and reaction_count >= 0));

-- A reply names the message it answers, in the same conversation (checked when it is posted).
alter table messages add column reply_to bigint references messages (id);
alter table messages add constraint messages_reply_check check (reply_to is null or revises is null);
