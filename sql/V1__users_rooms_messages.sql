-- People, as their SSO identifies them. Recorded (or renamed) on every successful connection.
create table users (
    id           varchar(255) primary key,            -- the token's sub claim
    name         varchar(200) not null,               -- display name from the token
    created_at   timestamptz  not null default now(),
    last_seen_at timestamptz  not null default now()
);

create table rooms (
    id         bigint generated always as identity primary key,
    name       varchar(64)  not null unique
               check (name ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),   -- stored lower-case
    is_private boolean      not null default false,
    created_by varchar(255) references users (id),
    created_at timestamptz  not null default now()
);

-- Who belongs to which room. Messages are delivered by membership, not by who happens to be
-- connected and subscribed, so a member gets a room's messages after any reconnect.
create table room_members (
    room_id   bigint       not null references rooms (id) on delete cascade,
    user_id   varchar(255) not null references users (id),
    joined_at timestamptz  not null default now(),
    primary key (room_id, user_id)
);
create index room_members_by_user on room_members (user_id);

-- Room messages have room set; direct messages have to_user set; never both.
create table messages (
    id          bigint generated always as identity primary key,
    from_user   varchar(255) not null references users (id),
    to_user     varchar(255) references users (id),
    room        bigint references rooms (id),
    content     text         not null check (char_length(content) between 1 and 4000),
    "timestamp" timestamptz  not null,
    check ((room is null) <> (to_user is null))
);

-- History pages walk one conversation backwards by id; these make each page an index range scan
-- however many messages the table holds.
create index messages_room_history on messages (room, id) where room is not null;
create index messages_dm_history on messages (least(from_user, to_user), greatest(from_user, to_user), id)
    where to_user is not null;
