package app.chat;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The HTTP API beside the WebSocket: sign-in helpers and client configuration, under {@code /api}. */
@ApplicationPath("api")
public class RestApi extends Application {}
