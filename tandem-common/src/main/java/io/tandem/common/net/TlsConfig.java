package io.tandem.common.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * TLS from PEM files (docs/security.md): this process's certificate chain and private key (PKCS#8) for the ports it
 * listens on, and the certificates it trusts for the connections it opens (the switch link, the sync link to its
 * peer). Either part may be absent: no certificate means plain TCP where this process listens, no trusted
 * certificates means plain TCP where it connects.
 *
 * @param certificateChain PEM file with the server certificate first, then any intermediates, or null
 * @param privateKey PEM file with the certificate's PKCS#8 private key, or null
 * @param trusted PEM file with the certificates (CAs) that peers' certificates must chain to, or null
 */
public record TlsConfig(Path certificateChain, Path privateKey, Path trusted) {

    /** No TLS anywhere. */
    public static final TlsConfig NONE = new TlsConfig(null, null, null);

    /** Checks that certificate and key come together and that every file named exists. */
    public TlsConfig {
        if ((certificateChain == null) != (privateKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate chain and its private key (--tls-cert and --tls-key)");
        }
        for (Path p : new Path[] {certificateChain, privateKey, trusted}) {
            if (p != null && !Files.isReadable(p)) {
                throw new IllegalArgumentException("TLS file " + p + " cannot be read");
            }
        }
    }

    /** The context for the ports this process listens on, when it has a certificate. */
    public Optional<SslContext> server() {
        if (certificateChain == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile()).build());
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use TLS certificate " + certificateChain + " with key " + privateKey + ": "
                    + e.getMessage(), e);
        }
    }

    /** The context for the connections this process opens, when it trusts certificates. */
    public Optional<SslContext> client() {
        if (trusted == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(SslContextBuilder.forClient().trustManager(trusted.toFile()).build());
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use trusted certificates " + trusted + ": " + e.getMessage(), e);
        }
    }

    /** A client-side handler for {@code host:port} that verifies the peer's certificate names {@code host}. */
    public static SslHandler clientHandler(SslContext context, ByteBufAllocator alloc, String host, int port) {
        SslHandler handler = context.newHandler(alloc, host, port);
        SSLParameters parameters = handler.engine().getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        handler.engine().setSSLParameters(parameters);
        return handler;
    }
}
