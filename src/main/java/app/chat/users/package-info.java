/** The people known to the server, as their single sign-on identifies them. */
package app.chat.users;
