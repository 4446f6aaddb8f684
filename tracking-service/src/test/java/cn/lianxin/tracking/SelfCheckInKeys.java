package cn.lianxin.tracking;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The key pair that stands for notification-service's in these tests: generated at the first use in a build (no
 * private key in the repository), kept in {@code target/} so that the service's configuration
 * ({@link SelfCheckInKeyConfigSource}) and the tests that mint links read the same pair, whatever class loader each
 * runs in.
 */
public final class SelfCheckInKeys {

    private static final Path DIR = Path.of("target", "self-check-in-test-keys");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SelfCheckInKeys() {
    }

    /** notification-service's public key as the service is configured with it (PEM). */
    public static synchronized String publicKeyPem() {
        ensure();
        return read("public.pem");
    }

    static synchronized PrivateKey privateKey() {
        ensure();
        try {
            String base64 = read("private.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another key pair: what a forger would sign with. */
    static PrivateKey strangerKey() {
        return generate().getPrivate();
    }

    /** A JWS (compact, RS256 unless {@code alg} says otherwise) of these claims, signed with {@code key}. */
    static String sign(Map<String, Object> claims, PrivateKey key) {
        String header = base64(json(Map.of("alg", "RS256", "typ", "JWT")));
        String payload = base64(json(claims));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update((header + "." + payload).getBytes(UTF_8));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(UTF_8));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ensure() {
        if (Files.exists(DIR.resolve("public.pem")) && Files.exists(DIR.resolve("private.pem"))) {
            return;
        }
        KeyPair pair = generate();
        try {
            Files.createDirectories(DIR);
            write("private.pem", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            write("public.pem", pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void write(String name, String content) throws IOException {
        Path temp = Files.createTempFile(DIR, name, ".tmp");
        Files.writeString(temp, content);
        try {
            Files.move(temp, DIR.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, DIR.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String read(String name) {
        try {
            return Files.readString(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
