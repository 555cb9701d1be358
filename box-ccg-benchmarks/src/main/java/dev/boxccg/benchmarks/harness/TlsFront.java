package dev.boxccg.benchmarks.harness;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTPS on 127.0.0.1 in front of the (plain HTTP) simulator, with a fresh self-signed certificate for 127.0.0.1.
 * Box's classic SDK talks TLS only (its OkHttp clients allow {@code MODERN_TLS} alone, and it cannot be given a client
 * of ours); it is told to trust this certificate with its own {@code configureSslCertificatesValidation}. Bytes are
 * relayed as they are, so HTTP keep-alive works through it.
 */
final class TlsFront implements AutoCloseable {

    private static final char[] PASSWORD = "benchmark".toCharArray();

    private final SSLServerSocket server;
    private final X509TrustManager trustManager;
    private final int targetPort;
    private final ExecutorService relays = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tls-front");
        thread.setDaemon(true);
        return thread;
    });

    TlsFront(URI target) {
        this.targetPort = target.getPort();
        try {
            KeyStore keys = selfSigned();
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("front", keys.getCertificate("front"));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            trustManager = x509(trustManagers.getTrustManagers());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            server = (SSLServerSocket) tls.getServerSocketFactory()
                    .createServerSocket(0, 512, InetAddress.getLoopbackAddress());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not start the TLS front", e);
        }
        Thread acceptor = new Thread(this::accept, "tls-front-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return {@code https://127.0.0.1:PORT} */
    URI baseUrl() {
        return URI.create("https://127.0.0.1:" + server.getLocalPort());
    }

    /** @return trusts this front's certificate and nothing else */
    X509TrustManager trustManager() {
        return trustManager;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                relays.execute(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            relays.execute(() -> copy(upstream, client));
            copy(client, upstream);
        } catch (IOException e) {
            // a connection ended
        }
    }

    private static void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(to); // SSLSockets cannot half-close: the other direction ends too
        }
    }

    private static void closeQuietly(Closeable socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static KeyStore selfSigned() throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=127.0.0.1");
        Instant now = Instant.now();
        try {
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                            Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                            pair.getPublic())
                            .addExtension(Extension.subjectAlternativeName, false,
                                    new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("front", pair.getPrivate(), PASSWORD, new Certificate[] {certificate});
            return store;
        } catch (OperatorCreationException | CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static X509TrustManager x509(TrustManager[] managers) {
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("No X509TrustManager");
    }

    @Override
    public void close() {
        closeQuietly(server);
        relays.shutdownNow();
    }
}
