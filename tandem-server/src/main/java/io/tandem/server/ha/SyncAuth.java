package io.tandem.server.ha;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The mutual authentication of the sync link by a secret both servers share: each side sends a fresh nonce, and
 * each proves it knows the secret with an HMAC-SHA256 over both nonces, its role and its name. The secret never
 * crosses the wire, and a recorded exchange cannot be replayed (the other side's nonce is new every time).
 */
final class SyncAuth {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SyncAuth() {
    }

    /** A fresh random nonce. */
    static String nonce() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The proof of {@code role} named {@code server} for the nonces {@code primaryNonce} and {@code backupNonce}. */
    static String proof(String secret, String role, String server, String primaryNonce, String backupNonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String text = "tandem-sync|" + role + "|" + server + "|" + primaryNonce + "|" + backupNonce;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code proof} is right, compared in constant time. */
    static boolean verify(String proof, String secret, String role, String server, String primaryNonce, String backupNonce) {
        if (proof == null || server == null || primaryNonce == null || backupNonce == null) {
            return false;
        }
        byte[] expected = proof(secret, role, server, primaryNonce, backupNonce).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, proof.getBytes(StandardCharsets.US_ASCII));
    }
}
