/**
 * The SSH adapter: runs commands on instances with Apache MINA SSHD ({@link
 * dev.vastbot.ssh.MinaRemoteShell}, implementing {@link dev.vastbot.fleet.port.RemoteShell}),
 * with deadlines, bounded fan-out, reused sessions and host keys pinned per instance id.
 *
 * <p>{@link dev.vastbot.ssh.SshKeys} reads the client key named by {@code VAST_SSH_KEY}. Nothing in
 * this package logs or reports private key material; host keys appear only as fingerprints.
 */
package dev.vastbot.ssh;
