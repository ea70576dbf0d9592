package app.chat.schema;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/** Whether writes announce themselves on the {@link ChangeChannels}, read once from the configuration. */
@ApplicationScoped
public class ChangeAnnouncements {

    @Inject
    Config config;

    private boolean enabled;

    @PostConstruct
    void readSettings() {
        enabled = ChangeChannels.announced(config);
    }

    public boolean enabled() {
        return enabled;
    }
}
