package dev.vastbot.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/** Key pairs for tests, and private key files written as OpenSSH writes them. */
final class TestKeys {
  private TestKeys() {}

  static KeyPair ed25519() {
    return generate(KeyPairProvider.SSH_ED25519, 256);
  }

  static KeyPair rsa() {
    return generate(KeyPairProvider.SSH_RSA, 2048);
  }

  static KeyPair generate(String type, int bits) {
    try {
      return KeyUtils.generateKeyPair(type, bits);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + type + " key", e);
    }
  }

  /** Writes {@code keyPair} in OpenSSH format without passphrase, mode 0600. */
  static Path writeOpenSsh(KeyPair keyPair, Path file) {
    return writeOpenSsh(keyPair, file, null);
  }

  /** Writes {@code keyPair} in OpenSSH format, encrypted with {@code passphrase} unless null. */
  static Path writeOpenSsh(KeyPair keyPair, Path file, String passphrase) {
    OpenSSHKeyEncryptionContext encryption = null;
    if (passphrase != null) {
      encryption = new OpenSSHKeyEncryptionContext();
      encryption.setCipherName("AES");
      encryption.setCipherMode("CTR");
      encryption.setCipherType("256");
      encryption.setPassword(passphrase);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, "test", encryption, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return file;
  }
}
