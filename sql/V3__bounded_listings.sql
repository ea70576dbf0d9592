-- Room listings page through names in byte order from a cursor or a prefix: an index range scan
-- whatever the number of rooms.
create index rooms_name_bytes on rooms (name collate "C");
-- The per-person room quota counts the rooms a person created.
create index rooms_by_creator on rooms (created_by);
-- The users listing is ordered by display name.
create index users_by_name on users (name, id);
