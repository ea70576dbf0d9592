package app.chat.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;

/**
 * Reads the key formats MicroProfile JWT allows for a verification key: a PEM public key (with or
 * without its armour lines), a single JWK, or a JWKS document.
 */
final class KeyDocuments {

    private KeyDocuments() {
    }

    static JWKSet parse(String document) throws TokenRejected {
        String text = document.strip();
        try {
            if (text.startsWith("{")) {
                return text.contains("\"keys\"") ? JWKSet.parse(text) : new JWKSet(JWK.parse(text));
            }
            String pem = text.startsWith("-----BEGIN") ? text : armour(text);
            return new JWKSet(JWK.parseFromPEMEncodedObjects(pem).toPublicJWK());
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            throw new TokenRejected("the configured verification key cannot be read: " + e.getMessage(), e);
        }
    }

    /** MicroProfile JWT also accepts the bare base64 of a SubjectPublicKeyInfo. */
    private static String armour(String base64) {
        return "-----BEGIN PUBLIC KEY-----\n" + base64.replaceAll("\\s+", "") + "\n-----END PUBLIC KEY-----\n";
    }
}
