/** The web client: served from the WAR, with its deep links and security headers. */
package app.chat.web;
