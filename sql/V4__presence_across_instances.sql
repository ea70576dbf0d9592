-- Presence across instances (docs/deployment.md): every running instance keeps a row here and
-- renews it on a heartbeat; an instance whose row is not renewed in time is taken for dead by the
-- others, and its rows (with the people connected to it) are removed.
create table chat_instances (
    id      varchar(64) primary key,          -- a random id per run of an instance
    seen_at timestamptz not null default now()
);

-- Who has at least one connection (or is in the grace period after the last) on which instance.
create table presence (
    instance_id varchar(64)  not null references chat_instances (id) on delete cascade,
    user_id     varchar(255) not null,
    primary key (instance_id, user_id)
);
