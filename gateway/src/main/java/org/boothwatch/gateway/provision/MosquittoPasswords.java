package org.boothwatch.gateway.provision;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Passwords in Mosquitto 2's password-file format: {@code user:$7$iterations$salt$hash}, PBKDF2 with
 * HMAC-SHA512, a 12-byte salt and a 64-byte hash, both base64 (what {@code mosquitto_passwd} writes).
 */
public final class MosquittoPasswords {
    /** mosquitto_passwd's default; Mosquitto reads the count from each line. */
    public static final int ITERATIONS = 101;
    private static final int SALT_BYTES = 12;
    private static final int HASH_BITS = 512;
    private static final char[] ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final SecureRandom random;

    public MosquittoPasswords(SecureRandom random) {
        this.random = random;
    }

    /** A random password of {@code length} unambiguous letters and digits (24 gives ~140 bits). */
    public String newPassword(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        return b.toString();
    }

    /** One password-file line, without the newline. */
    public String line(String user, String password) {
        if (user.contains(":") || user.contains("\n")) throw new IllegalArgumentException("bad user name " + user);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return user + ":" + hash(password, salt, ITERATIONS);
    }

    /** {@code $7$iterations$salt$hash} for the given salt. */
    public static String hash(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
            byte[] h = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
            Base64.Encoder b64 = Base64.getEncoder();
            return "$7$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is not available in this JVM", e);
        }
    }

    /** True when {@code password} matches a {@code $7$} hash (for tests and for checking a file by hand). */
    public static boolean matches(String password, String encoded) {
        String[] p = encoded.split("\\$", -1);
        if (p.length != 5 || !"7".equals(p[1])) return false;
        byte[] salt = Base64.getDecoder().decode(p[3]);
        return hash(password, salt, Integer.parseInt(p[2])).equals(encoded);
    }
}
