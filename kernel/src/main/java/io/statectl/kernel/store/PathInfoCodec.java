package io.statectl.kernel.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The canonical encoding of a {@link PathInfo} as stored by {@link LmdbPathIndex}: UTF-8 JSON, keys
 * in sorted order, absent optionals omitted, a version field {@code v}. Specified in {@code
 * docs/spec/store.md}; changing it is a versioned migration.
 */
final class PathInfoCodec {
  /** The current encoding version. */
  static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private PathInfoCodec() {}

  /** Encodes {@code info} canonically. */
  static byte[] encode(PathInfo info) {
    // Keys are added in sorted order; ObjectNode keeps insertion order.
    ObjectNode node = JSON.createObjectNode();
    info.ca().ifPresent(ca -> node.put("ca", ca));
    info.deriver().ifPresent(deriver -> node.put("deriver", deriver.toString()));
    node.put("narHash", info.narHash().toString());
    node.put("narSize", info.narSize());
    node.put("path", info.path().toString());
    ArrayNode references = node.putArray("references");
    info.references().forEach(ref -> references.add(ref.toString()));
    node.put("registrationTime", info.registrationTime().toString());
    ArrayNode signatures = node.putArray("signatures");
    info.signatures().forEach(signatures::add);
    node.put("v", VERSION);
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode path info of " + info.path(), e);
    }
  }

  /**
   * Decodes what {@link #encode} wrote.
   *
   * @throws IllegalArgumentException if {@code bytes} is not such an encoding
   */
  static PathInfo decode(byte[] bytes) {
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("corrupt path info record: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject() || node.path("v").asInt(-1) != VERSION) {
      throw new IllegalArgumentException(
          "path info record has unknown version: " + new String(bytes, StandardCharsets.UTF_8));
    }
    TreeSet<StorePath> references = new TreeSet<>();
    node.path("references").forEach(ref -> references.add(StorePath.parse(ref.asText())));
    List<String> signatures = new ArrayList<>();
    node.path("signatures").forEach(sig -> signatures.add(sig.asText()));
    return new PathInfo(
        StorePath.parse(required(node, "path")),
        Hash.parse(required(node, "narHash")),
        node.path("narSize").asLong(-1),
        references,
        Optional.ofNullable(node.get("deriver")).map(JsonNode::asText).map(StorePath::parse),
        Instant.parse(required(node, "registrationTime")),
        signatures,
        Optional.ofNullable(node.get("ca")).map(JsonNode::asText));
  }

  /**
   * The {@code path} field of an encoding, read without decoding the rest (validity checks need
   * nothing else; the keys are sorted, so it comes before the long reference list).
   *
   * @throws IllegalArgumentException if {@code bytes} holds no such field
   */
  static String pathOf(byte[] bytes) {
    try (com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(bytes)) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("corrupt path info record");
      }
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String field = p.currentName();
        com.fasterxml.jackson.core.JsonToken value = p.nextToken();
        if ("path".equals(field) && value == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
          return p.getText();
        }
        p.skipChildren();
      }
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("corrupt path info record: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("path info record lacks 'path'");
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("path info record lacks '" + field + "'");
    }
    return value.asText();
  }
}
