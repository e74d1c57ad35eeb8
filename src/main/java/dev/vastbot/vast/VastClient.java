package dev.vastbot.vast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vastbot.fleet.Account;
import dev.vastbot.fleet.CreateRequest;
import dev.vastbot.fleet.Instance;
import dev.vastbot.fleet.Offer;
import dev.vastbot.fleet.OfferQuery;
import dev.vastbot.fleet.ProviderException;
import dev.vastbot.fleet.ProviderException.Reason;
import dev.vastbot.fleet.cost.VastCharges;
import dev.vastbot.fleet.port.ChargesSource;
import dev.vastbot.fleet.port.GpuProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vast.ai REST client (VAST_API.md). Every failure leaves it as a {@link ProviderException}
 * whose message has passed {@link #redacted}, so no path can show the API key. Thread-safe.
 */
public final class VastClient implements GpuProvider, ChargesSource {
  private static final Logger log = LoggerFactory.getLogger(VastClient.class);
  private static final int PAGE_SIZE = 25;
  private static final int MAX_PAGES = 400;

  private final ObjectMapper json;
  private final ApiKey apiKey;
  private final VastHttp http;
  private final HttpUrl v0;
  private final HttpUrl v1;

  /**
   * @param http the process's HTTP client; this client derives its own from it (the settings' call
   *     timeout), sharing its connection pool and dispatcher
   */
  public VastClient(OkHttpClient http, ObjectMapper json, VastClientSettings settings) {
    this.json = json;
    this.apiKey = settings.apiKey();
    OkHttpClient configured = http.newBuilder().callTimeout(settings.requestTimeout()).build();
    this.http = new VastHttp(new VastTransport(configured), json, settings);
    this.v0 = baseUrl(settings.apiUrl(), "v0");
    this.v1 = baseUrl(settings.apiUrl(), "v1");
  }

  /** A client on {@code http} (see the constructor) with a JSON mapper of its own. */
  public static VastClient create(OkHttpClient http, VastClientSettings settings) {
    return new VastClient(http, new ObjectMapper(), settings);
  }

  /** {@code https://host/api/v0} → the same origin with {@code /api/<version>}. */
  static HttpUrl baseUrl(String apiUrl, String version) {
    HttpUrl parsed = HttpUrl.parse(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
    if (parsed == null) {
      throw new IllegalArgumentException("VAST_API_URL is not an http(s) URL: " + apiUrl);
    }
    String path = parsed.encodedPath();
    String prefix = path.replaceFirst("api/v\\d+/$", "");
    return parsed.newBuilder().encodedPath(prefix + "api/" + version + "/").build();
  }

  /** Runs one call of the provider port; the one way a failure leaves this client. */
  private <T> T guarded(Supplier<T> call) {
    try {
      return call.get();
    } catch (ProviderException failure) {
      throw redacted(failure);
    }
  }

  private void guardedRun(Runnable call) {
    guarded(() -> {
      call.run();
      return null;
    });
  }

  /**
   * The failure with the key removed from its message, in every form {@link ApiKey#redact}
   * knows. Parts of the client redact earlier too (before a message is cut to length); this is
   * the last pass, whatever produced the message. A rebuilt failure drops its cause, which may
   * carry the same text.
   */
  private ProviderException redacted(ProviderException failure) {
    String message = apiKey.redact(failure.getMessage());
    if (Objects.equals(message, failure.getMessage())) {
      return failure;
    }
    var clean = new ProviderException(failure.reason(), failure.httpStatus(), message);
    clean.setStackTrace(failure.getStackTrace());
    return clean;
  }

  @Override
  public List<Offer> searchOffers(OfferQuery query) {
    return guarded(() -> offersFor(query));
  }

  private List<Offer> offersFor(OfferQuery query) {
    ObjectNode body = OfferMapper.toQueryJson(json, query);
    JsonNode answer = http.send(request("POST", "POST /bundles/", v0("bundles"), body));
    JsonNode offers = requireArray(answer, "offers", "POST /bundles/");
    List<Offer> result = new ArrayList<>();
    offers.forEach(node -> result.add(OfferMapper.toOffer(node)));
    return result;
  }

  @Override
  public long createInstance(CreateRequest create) {
    return guarded(() -> create(create));
  }

  private long create(CreateRequest create) {
    ObjectNode body = json.createObjectNode();
    body.put("client_id", "me");
    body.put("image", create.image());
    body.put("disk", create.diskGb());
    body.put("label", create.label());
    body.put("onstart", create.onstart());
    body.put("runtype", "ssh_direc ssh_proxy");
    body.put("cancel_unavail", true);
    ObjectNode env = body.putObject("env");
    create.env().forEach(env::put);
    create.bidPrice().ifPresentOrElse(price -> body.put("price", price), () -> body.putNull("price"));
    VastRequest put =
        request("PUT", "PUT /asks/{id}/", v0("asks", Long.toString(create.offerId())), body);
    JsonNode answer = http.send(put, () -> findCreated(create.label()));
    JsonNode contract = answer.get("new_contract");
    if (contract == null || !contract.canConvertToLong()) {
      throw new ProviderException(
          Reason.MALFORMED_RESPONSE, 200, "Vast API PUT /asks/{id}/: no new_contract in the answer");
    }
    return contract.asLong();
  }

  /** After a create whose outcome is unknown: the instance it made, if it made one. */
  private Optional<JsonNode> findCreated(String label) {
    return findByLabel(label).stream()
        .findFirst()
        .map(instance -> json.createObjectNode().put("success", true).put("new_contract", instance.id()));
  }

  @Override
  public List<Instance> listInstances() {
    return guarded(() -> listWhere(null));
  }

  @Override
  public List<Instance> findByLabel(String label) {
    ObjectNode filter = json.createObjectNode();
    filter.putObject("label").put("eq", label);
    return guarded(() -> listWhere(filter).stream().filter(i -> label.equals(i.label())).toList());
  }

  /**
   * Every instance across the pages, each id once. The list can shift between two page requests
   * (an instance created or destroyed meanwhile moves the page boundary), so an instance can show
   * up on two pages; callers key their work by id and must not see it twice. The copy read last
   * wins, at the place of the first: it is the more recent view of the same instance.
   */
  private List<Instance> listWhere(ObjectNode filter) {
    Map<Long, Instance> instances = new LinkedHashMap<>();
    int duplicates = 0;
    Set<String> seenTokens = new HashSet<>();
    String token = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonNode answer = http.send(request("GET", "GET /api/v1/instances/", listUrl(filter, token), null));
      for (JsonNode node : requireArray(answer, "instances", "GET /api/v1/instances/")) {
        Instance instance = InstanceMapper.toInstance(node);
        if (instances.put(instance.id(), instance) != null) {
          duplicates++;
        }
      }
      JsonNode next = answer.get("next_token");
      if (next == null || next.isNull() || next.asText().isEmpty()) {
        warnAboutDuplicates(duplicates);
        return new ArrayList<>(instances.values());
      }
      token = next.asText();
      if (!seenTokens.add(token)) {
        throw new ProviderException(
            Reason.MALFORMED_RESPONSE, 200, "Vast API GET /api/v1/instances/: pagination repeats a token");
      }
    }
    throw new ProviderException(
        Reason.MALFORMED_RESPONSE, 200,
        "Vast API GET /api/v1/instances/: more than " + MAX_PAGES + " pages; stopped reading");
  }

  private static void warnAboutDuplicates(int duplicates) {
    if (duplicates > 0) {
      log.warn("Vast API GET /api/v1/instances/: {} instance id(s) came twice across pages; "
          + "kept each id once", duplicates);
    }
  }

  private HttpUrl listUrl(ObjectNode filter, String afterToken) {
    HttpUrl.Builder url =
        v1.newBuilder()
            .addPathSegment("instances")
            .addPathSegment("")
            .addQueryParameter("limit", Integer.toString(PAGE_SIZE))
            .addQueryParameter("order_by", "[{\"col\":\"id\",\"dir\":\"asc\"}]");
    if (filter != null) {
      url.addQueryParameter("select_filters", filter.toString());
    }
    if (afterToken != null) {
      url.addQueryParameter("after_token", afterToken);
    }
    return url.build();
  }

  @Override
  public Optional<Instance> findInstance(long id) {
    return guarded(() -> instance(id));
  }

  private Optional<Instance> instance(long id) {
    HttpUrl url = v0("instances", Long.toString(id)).newBuilder().addQueryParameter("owner", "me").build();
    try {
      JsonNode answer = http.send(request("GET", "GET /instances/{id}/", url, null));
      JsonNode instance = answer.get("instances");
      if (instance == null || instance.isNull()) {
        return Optional.empty();
      }
      return Optional.of(InstanceMapper.toInstance(instance));
    } catch (ProviderException e) {
      if (e.reason() == Reason.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void startInstance(long id) {
    guardedRun(() -> putInstance(id, json.createObjectNode().put("state", "running")));
  }

  @Override
  public void stopInstance(long id) {
    guardedRun(() -> putInstance(id, json.createObjectNode().put("state", "stopped")));
  }

  @Override
  public void labelInstance(long id, String label) {
    guardedRun(() -> putInstance(id, json.createObjectNode().put("label", label)));
  }

  private void putInstance(long id, ObjectNode body) {
    http.send(request("PUT", "PUT /instances/{id}/", v0("instances", Long.toString(id)), body));
  }

  @Override
  public void rebootInstance(long id) {
    guardedRun(() -> http.send(request("PUT", "PUT /instances/reboot/{id}/",
        v0("instances", "reboot", Long.toString(id)), json.createObjectNode())));
  }

  @Override
  public void changeBid(long id, double pricePerHour) {
    var body = json.createObjectNode().put("client_id", "me").put("price", pricePerHour);
    guardedRun(() -> http.send(request("PUT", "PUT /instances/bid_price/{id}/",
        v0("instances", "bid_price", Long.toString(id)), body)));
  }

  @Override
  public void destroyInstance(long id) {
    guardedRun(() -> destroy(id));
  }

  private void destroy(long id) {
    try {
      http.send(request("DELETE", "DELETE /instances/{id}/",
          v0("instances", Long.toString(id)), json.createObjectNode()));
    } catch (ProviderException e) {
      if (e.reason() != Reason.NOT_FOUND) {
        throw e;
      }
    }
  }

  @Override
  public Account currentAccount() {
    return guarded(this::account);
  }

  private Account account() {
    JsonNode answer = http.send(request("GET", "GET /users/current", v0Exact("users", "current"), null));
    return new Account(
        answer.path("id").asLong(0),
        InstanceMapper.textOrNull(answer, "email"),
        answer.path("balance").asDouble(0),
        answer.path("credit").asDouble(0));
  }

  @Override
  public VastCharges charges(Instant from, Instant until) {
    return guarded(() -> new ChargesReader(http, json, v0("charges")).read(from, until));
  }

  @Override
  public void ensureAccountSshKey(String publicKey) {
    guardedRun(() -> ensureSshKey(publicKey));
  }

  private void ensureSshKey(String publicKey) {
    String wanted = keyMaterial(publicKey);
    JsonNode answer = http.send(request("GET", "GET /ssh/", v0("ssh"), null));
    JsonNode keys = answer.isArray() ? answer : answer.path("ssh_keys");
    for (JsonNode key : keys) {
      String existing = InstanceMapper.textOrNull(key, key.has("public_key") ? "public_key"
          : key.has("ssh_key") ? "ssh_key" : "key");
      if (existing != null && keyMaterial(existing).equals(wanted)) {
        return;
      }
    }
    http.send(request("POST", "POST /ssh/", v0("ssh"), json.createObjectNode().put("ssh_key", publicKey)));
  }

  @Override
  public void attachSshKey(long instanceId, String publicKey) {
    guardedRun(() -> http.send(request("POST", "POST /instances/{id}/ssh/",
        v0("instances", Long.toString(instanceId), "ssh"),
        json.createObjectNode().put("ssh_key", publicKey))));
  }

  /** "ssh-ed25519 AAAA... comment" → "ssh-ed25519 AAAA..." (comments differ between copies). */
  private static String keyMaterial(String publicKey) {
    String[] parts = publicKey.strip().split("\\s+");
    return parts.length >= 2 ? parts[0] + " " + parts[1] : publicKey.strip();
  }

  static VastRequest request(String method, String endpoint, HttpUrl url, JsonNode body) {
    return new VastRequest(method, endpoint, url, body);
  }

  /** A v0 path with Vast's trailing slash. */
  private HttpUrl v0(String... segments) {
    HttpUrl.Builder url = v0.newBuilder();
    for (String segment : segments) {
      url.addPathSegment(segment);
    }
    return url.addPathSegment("").build();
  }

  /** A v0 path without trailing slash (the few endpoints Vast spells that way). */
  private HttpUrl v0Exact(String... segments) {
    HttpUrl.Builder url = v0.newBuilder();
    for (String segment : segments) {
      url.addPathSegment(segment);
    }
    return url.build();
  }

  static JsonNode requireArray(JsonNode answer, String field, String endpoint) {
    JsonNode array = answer.get(field);
    if (array == null || !array.isArray()) {
      throw new ProviderException(
          Reason.MALFORMED_RESPONSE, 200,
          "Vast API " + endpoint + ": the answer has no '" + field + "' list");
    }
    return array;
  }
}
