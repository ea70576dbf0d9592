/**
 * The vocabulary every feature shares with the WebSocket contract (docs/protocol.md): error codes
 * and the exception that carries one from a control to the socket boundary.
 */
package app.chat.protocol;
