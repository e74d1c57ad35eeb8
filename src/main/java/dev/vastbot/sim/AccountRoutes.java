package dev.vastbot.sim;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The account side: {@code GET /users/current}, account SSH keys ({@code /ssh/}), keys attached to
 * an instance ({@code /instances/{id}/ssh/}) and {@code request_logs}, whose {@code result_url}
 * points back at this server ({@code /_sim/logs/<token>}).
 */
final class AccountRoutes {
  private final SimMarketplace marketplace;
  private final ObjectMapper json;
  private final String origin;

  AccountRoutes(SimMarketplace marketplace, ObjectMapper json, String origin) {
    this.marketplace = marketplace;
    this.json = json;
    this.origin = origin;
  }

  void register(Router router) {
    router.add("GET", "/users/current/", call -> SimResponse.ok(marketplace.currentUser()));
    router.add("POST", "/ssh/", this::addAccountKey);
    router.add("GET", "/ssh/", call -> listAccountKeys());
    router.add("DELETE", "/ssh/{id}/", this::deleteAccountKey);
    router.add("POST", "/instances/{id}/ssh/", this::attachKey);
    router.add("GET", "/instances/{id}/ssh/", this::listInstanceKeys);
    router.add("PUT", "/instances/request_logs/{id}/", this::requestLogs);
  }

  private SimResponse addAccountKey(Router.Call call) {
    var key = marketplace.addAccountKey(requireKey(call));
    var answer = json.createObjectNode().put("success", true);
    answer.set("key", key.toJson());
    return SimResponse.ok(answer);
  }

  private SimResponse listAccountKeys() {
    var answer = json.createObjectNode();
    var keys = answer.putArray("ssh_keys");
    marketplace.accountKeys().forEach(key -> keys.add(key.toJson()));
    return SimResponse.ok(answer);
  }

  private SimResponse deleteAccountKey(Router.Call call) {
    if (!marketplace.deleteAccountKey(call.id())) {
      throw SimApiException.of(400, "no_ssh_key", "No such ssh key.");
    }
    return SimResponse.ok(json.createObjectNode().put("success", true));
  }

  private SimResponse attachKey(Router.Call call) {
    marketplace.attachKey(call.id(), requireKey(call));
    return SimResponse.ok(
        json.createObjectNode().put("success", true).put("msg", "SSH key attached successfully"));
  }

  /** Vast answers this one with the key list as a JSON string (VAST_API §6.2). */
  private SimResponse listInstanceKeys(Router.Call call) {
    var keys = json.createArrayNode();
    int index = 0;
    for (String publicKey : marketplace.authorizedKeysOrThrow(call.id())) {
      keys.addObject().put("id", ++index).put("name", "key" + index).put("public_key", publicKey);
    }
    return SimResponse.ok(
        json.createObjectNode().put("success", true).put("ssh_keys", keys.toString()));
  }

  private SimResponse requestLogs(Router.Call call) {
    String token = marketplace.requestLogs(call.id());
    return SimResponse.ok(
        json.createObjectNode()
            .put("success", true)
            .put("result_url", origin + "/_sim/logs/" + token)
            .put(
                "msg",
                "Logs are being uploaded, wait a few seconds and then fetch the result_url"));
  }

  private static String requireKey(Router.Call call) {
    String key = call.body().path("ssh_key").asText("");
    if (key.isBlank()) {
      throw SimApiException.of(400, "no_ssh_key", "No ssh key provided");
    }
    return key;
  }
}
