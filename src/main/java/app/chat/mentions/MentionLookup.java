package app.chat.mentions;

import app.chat.messages.Message;
import app.chat.schema.DatabaseWork;
import app.chat.schema.ReadTimeout;
import app.chat.search.SearchLanguage;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;

/**
 * The messages of a person's rooms that mention them, newest first. The search index narrows the
 * messages to those holding the words of the person's id, of their display name, or "room"; the
 * exact {@code @} forms are then checked on those alone.
 */
@Stateless
@DatabaseWork
public class MentionLookup {

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    @Inject
    SearchLanguage language;

    @Inject
    ReadTimeout readTimeout;

    static final String MENTIONS = """
            select m.id, m.from_user, m.to_user, m.room, m.content, m."timestamp", m.edited_at, m.deleted_at,
                   m.client_id, m.reply_to, u.name as from_name
            from messages m left join users u on u.id = m.from_user
            where m.search @@ (phraseto_tsquery(?8::regconfig, ?1) || phraseto_tsquery(?8::regconfig, ?2)
                               || to_tsquery(?8::regconfig, 'room'))
              and m.room in (select room_id from room_members where user_id = ?3)
              and m.revises is null and m.deleted_at is null and m.from_user <> ?3
              and (strpos(lower(m.content), ?4) > 0 or strpos(lower(m.content), ?5) > 0 or m.content ~* '@room\\M')
              and m.id < ?6
            order by m.id desc
            limit ?7
            """;

    /** Up to {@code limit} messages mentioning the person, with ids below {@code before}, newest first. */
    @SuppressWarnings("unchecked")
    public List<Message> of(String user, String displayName, long before, int limit) {
        return readTimeout
                .bound(em.createNativeQuery(MENTIONS, Message.class))
                .setParameter(1, user)
                .setParameter(2, displayName)
                .setParameter(3, user)
                .setParameter(4, "@" + user.toLowerCase(Locale.ROOT))
                .setParameter(5, "@" + displayName.toLowerCase(Locale.ROOT))
                .setParameter(6, before)
                .setParameter(7, limit)
                .setParameter(8, language.name())
                .getResultList();
    }
}
