/**
 * The WebSocket boundary at {@code /ws}: the endpoint and its configurator, the dispatch of
 * requests to the features ({@link app.chat.socket.RequestRouter}), the events written as frames
 * ({@link app.chat.socket.OutboundEvents}), the registry of
 * open connections with presence, and delivery of stored messages to them.
 */
package app.chat.socket;
