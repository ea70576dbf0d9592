/** Who is online, with a grace period so that a page reload does not flap. */
package app.chat.presence;
