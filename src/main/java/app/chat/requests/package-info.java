/**
 * What a client request is to the features that answer it: the frame as read ({@link
 * app.chat.requests.InboundFrame}), who sent it and how to answer ({@link
 * app.chat.requests.Request}), and how a feature declares the request types it handles ({@link
 * app.chat.requests.RequestTypes}), so that the socket only dispatches and each feature keeps its
 * whole behaviour in its own package.
 */
package app.chat.requests;
