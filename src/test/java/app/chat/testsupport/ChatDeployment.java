package app.chat.testsupport;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.util.UUID;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real WAR that {@code mvn package} built, deployed unchanged, and names for test data. */
public final class ChatDeployment {

    private ChatDeployment() {}

    public static WebArchive war() {
        File war = new File(System.getProperty("chat.test.war", "target/chat.war"));
        return ShrinkWrap.create(ZipImporter.class, "chat.war").importFrom(war).as(WebArchive.class);
    }

    /**
     * The real WAR plus a library holding configuration that outranks the environment (MicroProfile
     * Config ordinal 500), for tests that need other limits or timings than the rest.
     */
    public static WebArchive warWithConfig(String properties) {
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "test-config.jar")
                .addAsManifestResource(
                        new StringAsset("config_ordinal=500\n" + properties), "microprofile-config.properties");
        return war().addAsLibrary(config);
    }

    public static URI webSocket(URL base) {
        String http = base.toString();
        return URI.create(http.replaceFirst("^http", "ws") + (http.endsWith("/") ? "" : "/") + "ws");
    }

    /** A name no other test uses, so tests sharing the database never see each other's data. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
