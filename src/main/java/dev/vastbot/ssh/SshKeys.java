package dev.vastbot.ssh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Reads the SSH client key and renders public keys the way OpenSSH does. Stateless and
 * thread-safe. Messages never contain key material.
 */
public final class SshKeys {
  private static final String SETTING = "VAST_SSH_KEY";
  private static final Set<String> SUPPORTED_TYPES =
      Set.of(KeyPairProvider.SSH_ED25519, KeyPairProvider.SSH_RSA);

  private SshKeys() {}

  /**
   * Creates a new unencrypted ed25519 key in OpenSSH format at {@code privateKey} (owner-only
   * permissions), for the demo's simulated fleet. Refuses to overwrite an existing file.
   */
  public static KeyPair createEd25519(Path privateKey, String comment) {
    try {
      KeyPair keyPair = KeyUtils.generateKeyPair("ssh-ed25519", 256);
      // Owner-only from the start: created with its permissions, never readable by others (a
      // chmod after writing leaves a moment, under the default umask, when it is).
      Files.createFile(privateKey,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (var out = Files.newOutputStream(privateKey, StandardOpenOption.TRUNCATE_EXISTING)) {
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, comment, null, out);
      }
      return keyPair;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot create an SSH key at " + privateKey + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a private key without passphrase: OpenSSH format (the {@code openssh-key-v1} container),
   * ed25519 or RSA, or PEM RSA (PKCS#1 or PKCS#8).
   *
   * @throws InvalidSshKeyException when the file is missing, unreadable, a public key,
   *     passphrase-protected, not a key, or of another type; the message says which
   */
  public static KeyPair load(Path privateKey) {
    Objects.requireNonNull(privateKey, "privateKey");
    byte[] content = readKeyFile(privateKey);
    String text = new String(content, StandardCharsets.US_ASCII).strip();
    if (text.startsWith("ssh-") || text.startsWith("ecdsa-")) {
      throw invalid(privateKey, "holds a public key; point " + SETTING
          + " at the private key (the file without .pub)");
    }
    if (text.contains("ENCRYPTED")) {
      throw passphraseProtected(privateKey);
    }
    KeyPair keyPair = parse(privateKey, content);
    String type = KeyUtils.getKeyType(keyPair);
    if (!SUPPORTED_TYPES.contains(type)) {
      throw invalid(privateKey, "is a " + type + " key; vastbot supports ed25519 and RSA keys");
    }
    return keyPair;
  }

  /** The key as OpenSSH writes it in {@code authorized_keys}: {@code "ssh-ed25519 AAAA..."}. */
  public static String openSshPublicKey(PublicKey publicKey) {
    Objects.requireNonNull(publicKey, "publicKey");
    try {
      return PublicKeyEntry.toString(publicKey);
    } catch (IllegalArgumentException unsupported) {
      throw new IllegalArgumentException(
          "cannot render a " + publicKey.getAlgorithm() + " public key in OpenSSH form");
    }
  }

  /** The key's OpenSSH fingerprint, {@code "SHA256:<base64 without padding>"}. */
  public static String fingerprint(PublicKey publicKey) {
    return fingerprint(openSshPublicKey(publicKey));
  }

  /** The fingerprint of a key given in OpenSSH form ({@code "<type> <base64> [comment]"}). */
  public static String fingerprint(String openSshPublicKey) {
    byte[] blob = keyBlob(openSshPublicKey);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("the JDK has no SHA-256", impossible);
    }
  }

  /** Whether two keys in OpenSSH form are the same key (comments ignored). */
  static boolean sameKey(String openSshPublicKey, String other) {
    return typeAndBlob(openSshPublicKey).equals(typeAndBlob(other));
  }

  private static String typeAndBlob(String openSshPublicKey) {
    String[] fields = openSshPublicKey.strip().split("\\s+");
    return fields.length < 2 ? openSshPublicKey.strip() : fields[0] + " " + fields[1];
  }

  private static byte[] keyBlob(String openSshPublicKey) {
    String[] fields = Objects.requireNonNull(openSshPublicKey, "openSshPublicKey")
        .strip().split("\\s+");
    try {
      if (fields.length >= 2) {
        return Base64.getDecoder().decode(fields[1]);
      }
    } catch (IllegalArgumentException notBase64) {
      // reported below
    }
    throw new IllegalArgumentException(
        "not an OpenSSH public key (expected \"<type> <base64>\"), starts with \""
            + fields[0] + "\"");
  }

  private static byte[] readKeyFile(Path privateKey) {
    if (!Files.exists(privateKey)) {
      throw new InvalidSshKeyException(SETTING + ": no file at " + privateKey);
    }
    if (Files.isDirectory(privateKey)) {
      throw invalid(privateKey, "is a directory, not a key file");
    }
    try {
      return Files.readAllBytes(privateKey);
    } catch (IOException e) {
      throw new InvalidSshKeyException(SETTING + ": cannot read " + privateKey + " ("
          + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static KeyPair parse(Path privateKey, byte[] content) {
    var askedForPassphrase = new AtomicBoolean();
    FilePasswordProvider noPassphrase = (session, resource, retryIndex) -> {
      askedForPassphrase.set(true);
      return null;
    };
    Iterator<KeyPair> keyPairs;
    try {
      keyPairs = SecurityUtils.loadKeyPairIdentities(
          null, NamedResource.ofName(privateKey.toString()), new ByteArrayInputStream(content),
          noPassphrase).iterator();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      // the parser's own message may quote key bytes, so only its type is kept
      throw askedForPassphrase.get() ? passphraseProtected(privateKey)
          : invalid(privateKey, "is not a private key vastbot can read (OpenSSH or PEM format; "
              + e.getClass().getSimpleName() + ")");
    }
    if (askedForPassphrase.get()) {
      throw passphraseProtected(privateKey);
    }
    if (keyPairs == null || !keyPairs.hasNext()) {
      throw invalid(privateKey, "holds no private key (expected OpenSSH or PEM format)");
    }
    return keyPairs.next();
  }

  private static InvalidSshKeyException passphraseProtected(Path privateKey) {
    return invalid(privateKey, "is protected by a passphrase, which vastbot does not support; "
        + "use a key without one (remove it with: ssh-keygen -p -N '' -f " + privateKey + ")");
  }

  private static InvalidSshKeyException invalid(Path privateKey, String problem) {
    return new InvalidSshKeyException(SETTING + ": " + privateKey + " " + problem);
  }
}
