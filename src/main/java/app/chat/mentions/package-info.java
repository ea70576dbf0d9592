/**
 * Where a person was mentioned: {@code @id}, {@code @display name} or {@code @room} in the rooms
 * they belong to, found through the search index and listed newest first.
 */
package app.chat.mentions;
