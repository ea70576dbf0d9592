-- A client may send the same message again (after a timeout or reconnect) under the same client_id;
-- the database, not a cache, guarantees it is stored once per sender.
alter table messages add column client_id uuid;
create unique index messages_client_id on messages (from_user, client_id) where client_id is not null;

-- Resuming replays a user's direct messages by id.
create index messages_dm_to on messages (to_user, id) where to_user is not null;
create index messages_dm_from on messages (from_user, id) where to_user is not null;
