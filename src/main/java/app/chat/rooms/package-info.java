/**
 * Rooms: public and private, their members, and the rules of who may join, read, post and invite.
 * {@link app.chat.rooms.Rooms} is the stored truth; {@link app.chat.rooms.RoomDirectory} applies
 * the rules and keeps the membership in memory for delivery.
 */
package app.chat.rooms;
