/**
 * The listings a client builds its sidebar and its pickers from: one's own conversations (rooms one
 * belongs to, people one has direct conversations with), each with where one stands in it, and the
 * directories of rooms and people, searched and paged so that nobody is ever sent all of either.
 */
package app.chat.listings;
