-- Read state on the server (docs/protocol.md, `read`): per person and conversation, the newest
-- message they have read, so that unread counts survive a reload and follow them to every device.
-- A mark only ever moves forward. A room with no mark yet counts what came after the person joined.
create table read_marks (
    user_id      varchar(255) not null references users (id),
    room         bigint references rooms (id) on delete cascade,
    partner      varchar(255) references users (id),
    last_read_id bigint       not null,
    check ((room is null) <> (partner is null))
);
create unique index read_marks_in_rooms on read_marks (user_id, room) where room is not null;
create unique index read_marks_direct on read_marks (user_id, partner) where partner is not null;
