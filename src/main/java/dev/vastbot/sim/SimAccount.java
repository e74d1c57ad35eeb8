package dev.vastbot.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The one simulated user: balance and account SSH keys. Not thread-safe. */
final class SimAccount {
  static final long USER_ID = 424242L;

  /** One account SSH key. */
  record AccountKey(long id, String publicKey, Instant createdAt) {
    ObjectNode toJson() {
      var json = JsonNodeFactory.instance.objectNode();
      json.put("id", id);
      json.put("user_id", USER_ID);
      json.put("public_key", publicKey);
      json.put("ssh_key", publicKey);
      json.put("created_at", createdAt.toString());
      json.putNull("deleted_at");
      return json;
    }
  }

  private final List<AccountKey> sshKeys = new ArrayList<>();
  private double balance;
  private long nextKeyId = 9_100;

  SimAccount(double startingBalance) {
    this.balance = startingBalance;
  }

  double balance() {
    return balance;
  }

  void setBalance(double newBalance) {
    balance = newBalance;
  }

  AccountKey addSshKey(String publicKey, Instant now) {
    var key = new AccountKey(nextKeyId++, publicKey.trim(), now);
    sshKeys.add(key);
    return key;
  }

  boolean removeSshKey(long keyId) {
    return sshKeys.removeIf(key -> key.id() == keyId);
  }

  Optional<AccountKey> sshKey(long keyId) {
    return sshKeys.stream().filter(key -> key.id() == keyId).findFirst();
  }

  List<AccountKey> sshKeys() {
    return List.copyOf(sshKeys);
  }

  /** {@code GET /users/current}: never echoes the API key (VAST_API §7.1). */
  ObjectNode toJson() {
    var json = JsonNodeFactory.instance.objectNode();
    json.put("id", USER_ID);
    json.put("username", "sim");
    json.put("fullname", "Simulated User");
    json.put("email", "sim@vastbot.dev");
    json.put("email_verified", true);
    json.put("balance", balance);
    json.put("credit", balance);
    json.put("balance_threshold", 0.0);
    json.put("balance_threshold_enabled", false);
    json.put("billing_creditonly", true);
    json.put("can_pay", true);
    json.put("has_billing", true);
    json.put("got_signup_credit", true);
    if (sshKeys.isEmpty()) {
      json.putNull("ssh_key");
    } else {
      json.put("ssh_key", sshKeys.get(sshKeys.size() - 1).publicKey());
    }
    return json;
  }
}
