/**
 * The WebSocket boundary at {@code /ws}: the endpoint and its configurator, the frame codec
 * ({@link app.chat.socket.InboundFrame}, {@link app.chat.socket.OutboundEvents}), the registry of
 * open connections with presence, and delivery of stored messages to them.
 */
package app.chat.socket;
