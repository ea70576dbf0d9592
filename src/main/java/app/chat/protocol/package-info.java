/**
 * The vocabulary every feature shares with the WebSocket contract (docs/protocol.md): error codes
 * and the exception that carries one from a control to the socket boundary, and the envelope of
 * every server frame.
 */
package app.chat.protocol;
