package dev.vastbot.ssh;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vastbot.fleet.remote.HostJson;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@link HostJson} with Jackson under tight stream constraints: what a host prints is read
 * iteratively by Jackson's parser, which refuses (with an exception we turn into "empty") a
 * document nested deeper than {@value #MAX_DEPTH}, longer than {@value #MAX_DOCUMENT_CHARS}
 * characters, or with more than {@value #MAX_TOKENS} tokens, before it can exhaust the stack or
 * the heap. Thread-safe.
 */
public final class BoundedHostJson implements HostJson {
  static final int MAX_DEPTH = 32;
  static final int MAX_DOCUMENT_CHARS = 1 << 20;
  static final int MAX_STRING_CHARS = 64 * 1024;
  static final int MAX_NAME_CHARS = 1024;
  static final int MAX_NUMBER_CHARS = 64;
  static final long MAX_TOKENS = 200_000;
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final ObjectMapper mapper;

  public BoundedHostJson() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxDocumentLength(MAX_DOCUMENT_CHARS)
            .maxStringLength(MAX_STRING_CHARS)
            .maxNameLength(MAX_NAME_CHARS)
            .maxNumberLength(MAX_NUMBER_CHARS)
            .maxTokenCount(MAX_TOKENS)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    this.mapper = new ObjectMapper(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  @Override
  public Optional<Map<String, Object>> readObject(String text) {
    if (text == null || text.isBlank() || text.length() > MAX_DOCUMENT_CHARS) {
      return Optional.empty();
    }
    String trimmed = text.strip();
    if (!trimmed.startsWith("{")) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(mapper.readValue(trimmed, OBJECT));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
