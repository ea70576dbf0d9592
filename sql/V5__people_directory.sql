-- The people directory (docs/protocol.md, `users` with a `query`): everyone is found by the start of
-- any word of their name, id or e-mail address, whatever the case and accents. The server writes
-- search_name and search_text at each sign-in (app.chat.users.PeopleQuery: accents removed, lower
-- case; search_text holds every beginning of every word, up to 20 characters); the index finds
-- people by whole entries of it without reading the table, and search_name ranks what it found.
alter table users add column email varchar(320);
alter table users add column search_name text not null default '';
alter table users add column search_text text not null default '';
alter table users add column search tsvector generated always as (to_tsvector('simple', search_text)) stored;

-- The people recorded before this version, until their next sign-in: the common accents removed.
update users set search_name = translate(lower(name),
    'áàâäãåāăąéèêëēĕėęěíìîïĩīĭįóòôöõōŏőúùûüũūŭůűųçćĉċčñńņňýÿśšźżž',
    'aaaaaaaaaeeeeeeeeeiiiiiiiioooooooouuuuuuuuuucccccnnnnyysszzz');
update users u set search_text = coalesce((
    select string_agg(distinct left(w, n), ' ')
    from regexp_split_to_table(u.search_name || ' ' || translate(lower(u.id),
             'áàâäãåāăąéèêëēĕėęěíìîïĩīĭįóòôöõōŏőúùûüũūŭůűųçćĉċčñńņňýÿśšźżž',
             'aaaaaaaaaeeeeeeeeeiiiiiiiioooooooouuuuuuuuuucccccnnnnyysszzz'), '[^[:alnum:]]+') w,
         generate_series(1, least(length(w), 20)) n
    where w <> ''), '');

create index users_search on users using gin (search);
