package app.chat.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.X509CertUtils;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the key formats MicroProfile JWT allows for a verification key: a PEM public key (with or
 * without its armour lines) or certificate, a single JWK, or a JWKS document. PEM is decoded with
 * the JDK's own key factories (nimbus would need BouncyCastle for it).
 */
final class KeyDocuments {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private KeyDocuments() {}

    static JWKSet parse(String document) throws TokenRejected {
        String text = document.strip();
        try {
            if (text.startsWith("{")) {
                return text.contains("\"keys\"") ? JWKSet.parse(text) : new JWKSet(JWK.parse(text));
            }
            if (!text.startsWith("-----BEGIN")) {
                // MicroProfile JWT also accepts the bare base64 of a SubjectPublicKeyInfo.
                return new JWKSet(publicKey(Base64.getMimeDecoder().decode(text)));
            }
            Matcher pem = PEM.matcher(text);
            if (!pem.find()) {
                throw new TokenRejected("the configured verification key is not well-formed PEM");
            }
            byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
            return switch (pem.group(1)) {
                case "PUBLIC KEY" -> new JWKSet(publicKey(der));
                case "CERTIFICATE" -> new JWKSet(certificateKey(der));
                default ->
                    throw new TokenRejected(
                            "unsupported PEM object " + pem.group(1) + ": give a PUBLIC KEY or a CERTIFICATE");
            };
        } catch (ParseException | IllegalArgumentException | GeneralSecurityException e) {
            throw new TokenRejected("the configured verification key cannot be read: " + e.getMessage(), e);
        }
    }

    private static JWK publicKey(byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
        var spec = new X509EncodedKeySpec(subjectPublicKeyInfo);
        GeneralSecurityException failure = null;
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return jwk(KeyFactory.getInstance(algorithm).generatePublic(spec));
            } catch (GeneralSecurityException e) {
                failure = e;
            }
        }
        throw failure;
    }

    private static JWK certificateKey(byte[] der) throws GeneralSecurityException {
        X509Certificate certificate = X509CertUtils.parse(der);
        if (certificate == null) {
            throw new GeneralSecurityException("not an X.509 certificate");
        }
        return jwk(certificate.getPublicKey());
    }

    private static JWK jwk(PublicKey key) throws GeneralSecurityException {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
        }
        throw new GeneralSecurityException("unsupported key type " + key.getAlgorithm());
    }
}
