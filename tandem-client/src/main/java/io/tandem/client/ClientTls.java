package io.tandem.client;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS contexts of a client: trusting the certificates of a PEM file when one is given, the JDK's default trust
 * store otherwise. The server's certificate must name the host the client connects to.
 */
final class ClientTls {

    private ClientTls() {
    }

    /** The context for the CTI port over TLS ({@code tcps://}). */
    static SslContext netty(Path trusted) throws IOException {
        SslContextBuilder builder = SslContextBuilder.forClient();
        if (trusted != null) {
            builder.trustManager(trusted.toFile());
        }
        return builder.build();
    }

    /** The context for WebSocket over TLS ({@code wss://}), for the JDK's HTTP client. */
    static SSLContext jdk(Path trusted) throws IOException {
        try {
            if (trusted == null) {
                return SSLContext.getDefault();
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            try (InputStream in = Files.newInputStream(trusted)) {
                int i = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("trusted-" + i++, certificate);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust the certificates in " + trusted + ": " + e.getMessage(), e);
        }
    }
}
