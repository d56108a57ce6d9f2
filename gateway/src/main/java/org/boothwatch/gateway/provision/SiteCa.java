package org.boothwatch.gateway.provision;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A site's own certificate authority (EC P-256) and the broker's server certificate signed by it.
 * Uses the JDK's providers for keys and signatures; BouncyCastle only builds and writes certificates.
 */
public final class SiteCa {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern DNS = Pattern.compile("(?i)[a-z0-9*]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*");
    private static final String SIG = "SHA256withECDSA";

    /** A private key and its certificate. */
    public record Issued(KeyPair keys, X509Certificate cert) {}

    private final SecureRandom random;
    private final Instant now;

    public SiteCa(SecureRandom random, Instant now) {
        this.random = random;
        this.now = now;
    }

    /** True for a DNS name or an IPv4/IPv6 literal usable as a subject alternative name. */
    public static boolean isValidHost(String h) {
        if (h == null || h.isEmpty() || h.length() > 253) return false;
        if (IPV4.matcher(h).matches()) {
            for (String part : h.split("\\.")) if (Integer.parseInt(part) > 255) return false;
            return true;
        }
        if (h.contains(":")) return h.matches("[0-9a-fA-F:.]+");
        return DNS.matcher(h).matches();
    }

    public Issued newCa(String site, Duration validity) {
        KeyPair keys = keyPair();
        X500Name name = new X500Name("CN=boothwatch site CA " + site + ",O=boothwatch");
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), from(), to(validity), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new Issued(keys, sign(b, keys));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the site CA: " + e.getMessage(), e);
        }
    }

    /** A TLS server certificate for {@code hosts} (DNS names and IP literals), signed by {@code ca}. */
    public Issued newServer(Issued ca, String site, List<String> hosts, Duration validity) {
        KeyPair keys = keyPair();
        List<GeneralName> sans = new ArrayList<>();
        for (String h : hosts) {
            boolean ip = IPV4.matcher(h).matches() || h.contains(":");
            sans.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, ip ? ipLiteral(h) : h));
        }
        X500Name subject = new X500Name("CN=" + hosts.get(0) + ",OU=broker " + site + ",O=boothwatch");
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.cert(), serial(), from(), to(validity), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.cert()));
            return new Issued(keys, sign(b, ca.keys()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the server certificate: " + e.getMessage(), e);
        }
    }

    /** PEM text of certificates or keys (private keys as PKCS#8). */
    public static String pem(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                w.writeObject(o instanceof java.security.PrivateKey k
                        ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A PKCS#12 trust store holding only {@code ca}, for Java clients that prefer a key store to a PEM file. */
    public static void writeTrustStore(X509Certificate ca, Path file, char[] password) {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("boothwatch-site-ca", ca);
            ks.store(out, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write trust store " + file + ": " + e.getMessage(), e);
        }
    }

    private X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(SIG).build(signer.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is not available in this JVM", e);
        }
    }

    private BigInteger serial() {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private Date from() {
        return Date.from(now.minus(Duration.ofHours(1)));
    }

    private Date to(Duration validity) {
        return Date.from(now.plus(validity));
    }

    private static String ipLiteral(String h) {
        try {
            return InetAddress.getByName(h).getHostAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("not an IP address: " + h, e);
        }
    }
}
