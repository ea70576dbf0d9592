package app.chat.socket;

import app.chat.reads.ReadMarked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Tells every connection of a person here that they read a conversation, on whichever device. */
@ApplicationScoped
public class ReadMarkDelivery {

    @Inject
    Connections connections;

    void deliver(@Observes ReadMarked read) {
        connections.sendToUser(read.user(), OutboundEvents.read(read));
    }
}
