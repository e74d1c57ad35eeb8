package dev.vastbot.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Base64;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshKeysTest {
  private static final KeyPair ED25519 = TestKeys.ed25519();

  @TempDir Path dir;

  @Test
  void readsOpenSshEd25519Key() {
    Path file = TestKeys.writeOpenSsh(ED25519, dir.resolve("id_ed25519"));

    KeyPair loaded = SshKeys.load(file);

    assertTrue(KeyUtils.compareKeys(ED25519.getPublic(), loaded.getPublic()));
    assertEquals("ssh-ed25519", KeyUtils.getKeyType(loaded));
  }

  @Test
  void readsOpenSshAndPemRsaKeys() throws IOException {
    KeyPair rsa = TestKeys.rsa();
    Path openSsh = TestKeys.writeOpenSsh(rsa, dir.resolve("vast_rsa"));
    Path pem = dir.resolve("vast_rsa.pem");
    Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(rsa.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");

    assertTrue(KeyUtils.compareKeys(rsa.getPublic(), SshKeys.load(openSsh).getPublic()));
    assertTrue(KeyUtils.compareKeys(rsa.getPublic(), SshKeys.load(pem).getPublic()));
  }

  @Test
  void namesTheMissingFile() {
    var error = assertThrows(InvalidSshKeyException.class,
        () -> SshKeys.load(Path.of("/x")));

    assertEquals("VAST_SSH_KEY: no file at /x", error.getMessage());
  }

  @Test
  void saysWhenTheFileCannotBeReadAsAFile() {
    var error = assertThrows(InvalidSshKeyException.class, () -> SshKeys.load(dir));

    assertEquals("VAST_SSH_KEY: " + dir + " is a directory, not a key file", error.getMessage());
  }

  @Test
  void refusesPassphraseProtectedKeysAndSaysSo() {
    Path file = TestKeys.writeOpenSsh(ED25519, dir.resolve("locked"), "correct horse");

    var error = assertThrows(InvalidSshKeyException.class, () -> SshKeys.load(file));

    assertTrue(error.getMessage().startsWith("VAST_SSH_KEY: " + file
        + " is protected by a passphrase, which vastbot does not support"), error.getMessage());
    assertFalse(error.getMessage().contains("correct horse"));
  }

  @Test
  void refusesOtherKeyTypes() {
    KeyPair ecdsa = TestKeys.generate("ecdsa-sha2-nistp256", 256);
    Path file = TestKeys.writeOpenSsh(ecdsa, dir.resolve("id_ecdsa"));

    var error = assertThrows(InvalidSshKeyException.class, () -> SshKeys.load(file));

    assertEquals("VAST_SSH_KEY: " + file + " is a ecdsa-sha2-nistp256 key; vastbot supports "
        + "ed25519 and RSA keys", error.getMessage());
  }

  @Test
  void pointsFromAPublicKeyToThePrivateOne() throws IOException {
    Path file = Files.writeString(dir.resolve("id_ed25519.pub"),
        SshKeys.openSshPublicKey(ED25519.getPublic()) + " me@laptop\n");

    var error = assertThrows(InvalidSshKeyException.class, () -> SshKeys.load(file));

    assertTrue(error.getMessage().contains("holds a public key"), error.getMessage());
  }

  @Test
  void refusesAFileThatIsNoKeyWithoutQuotingIt() throws IOException {
    String secretish = "-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n"
        + "-----END OPENSSH PRIVATE KEY-----\n";
    Path file = Files.writeString(dir.resolve("broken"), secretish);

    var error = assertThrows(InvalidSshKeyException.class, () -> SshKeys.load(file));

    assertTrue(error.getMessage().startsWith("VAST_SSH_KEY: " + file + " is not a private key"),
        error.getMessage());
    assertFalse(error.getMessage().contains("bm90IGEga2V5"));
  }

  @Test
  void rendersPublicKeysAndFingerprintsLikeOpenSsh() {
    String line = SshKeys.openSshPublicKey(ED25519.getPublic());

    assertTrue(line.matches("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5[A-Za-z0-9+/=]+"), line);
    assertEquals(KeyUtils.getFingerPrint(ED25519.getPublic()),
        SshKeys.fingerprint(ED25519.getPublic()));
    assertEquals(SshKeys.fingerprint(ED25519.getPublic()), SshKeys.fingerprint(line + " c"));
    assertTrue(SshKeys.fingerprint(line).startsWith("SHA256:"));
  }

  @Test
  void createdKey_isOwnerOnly_andLoadsBackAsTheSameKey() throws IOException {
    Path key = dir.resolve("demo_ed25519");
    KeyPair created = SshKeys.createEd25519(key, "vastbot-demo");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertEquals(SshKeys.openSshPublicKey(created.getPublic()),
        SshKeys.openSshPublicKey(SshKeys.load(key).getPublic()));
  }

  @Test
  void createRefusesAnExistingFile_andLeavesItAsItWas() throws IOException {
    Path key = dir.resolve("taken");
    Files.writeString(key, "someone else's file");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    var refused = assertThrows(IllegalStateException.class, () -> SshKeys.createEd25519(key, "c"));
    assertTrue(refused.getMessage().startsWith("cannot create an SSH key at " + key), refused.getMessage());
    assertEquals("someone else's file", Files.readString(key));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
  }
}
