package app.chat.requests;

import java.util.List;

/** Implemented by a feature's CDI bean to handle request types of its own; the socket dispatches to it. */
public interface RequestTypes {

    List<RequestType> requestTypes();
}
