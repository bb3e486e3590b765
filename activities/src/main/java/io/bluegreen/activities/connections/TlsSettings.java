package io.bluegreen.activities.connections;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS of one connection from the worker configuration: the CA that signs the server's certificate
 * ({@code caFile}, PEM; absent: the JVM's trusted CAs), and for mutual TLS the client's certificate
 * chain and PKCS#8 private key ({@code certFile}, {@code keyFile}, PEM). {@code allowInsecure}
 * permits options that switch verification off; it is never the default.
 */
public record TlsSettings(Path caFile, Path certFile, Path keyFile, boolean allowInsecure) {
  public static final TlsSettings NONE = new TlsSettings(null, null, null, false);

  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  public TlsSettings {
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException(
          "certFile and keyFile go together (mutual TLS needs both)");
    }
  }

  /** Whether anything differs from the JVM's default TLS. */
  public boolean custom() {
    return caFile != null || certFile != null;
  }

  /**
   * An SSLContext trusting {@code caFile} (else the JVM's CAs) and presenting the client
   * certificate when one is configured. Errors name the file, never its content.
   *
   * @param what the connection, for messages, e.g. "MongoDB connection 'prod'"
   */
  public SSLContext sslContext(String what) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (caFile != null) {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (Certificate c : certificates(what, "caFile", caFile)) {
          trust.setCertificateEntry("ca-" + i++, c);
        }
        tmf.init(trust);
      } else {
        tmf.init((KeyStore) null);
      }
      KeyManagerFactory kmf = null;
      if (certFile != null) {
        List<Certificate> chain = certificates(what, "certFile", certFile);
        PrivateKey key = privateKey(what);
        KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
        keys.load(null, null);
        char[] none = new char[0];
        keys.setKeyEntry("client", key, none, chain.toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, none);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          what + ": cannot set up TLS: " + e.getClass().getSimpleName());
    }
  }

  private static List<Certificate> certificates(String what, String field, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IllegalArgumentException(
            what + ": " + field + " " + file + " holds no PEM certificate");
      }
      return new ArrayList<>(certs);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(what + ": " + field + " " + file + " not found");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          what + ": " + field + " " + file + " is not a PEM certificate file");
    }
  }

  private PrivateKey privateKey(String what) {
    String pem;
    try {
      pem = Files.readString(keyFile);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(what + ": keyFile " + keyFile + " not found");
    } catch (IOException e) {
      throw new IllegalArgumentException(what + ": cannot read keyFile " + keyFile);
    }
    Matcher m = PRIVATE_KEY.matcher(pem);
    if (!m.find()) {
      throw new IllegalArgumentException(
          what
              + ": keyFile "
              + keyFile
              + " must hold an unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----; convert with `openssl pkcs8 -topk8 -nocrypt`)");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(
        what + ": keyFile " + keyFile + " holds a key of an unsupported type (RSA, EC or Ed25519)");
  }
}
