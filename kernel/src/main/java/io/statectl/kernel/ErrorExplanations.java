package io.statectl.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The long form of every {@link ErrorCode}: a typical cause and the fix, read from
 * {@code error-codes.txt} beside this class (kept next to the enum so that a new code gets its
 * explanation in the same change; a test holds the two in step). Immutable and thread-safe.
 */
public final class ErrorExplanations {
  /** What a code means, why it typically happens and what to do. */
  public record Explanation(ErrorCode code, String cause, String fix) {
    public Explanation {
      if (cause.isBlank() || fix.isBlank()) {
        throw new IllegalArgumentException(code.id() + ": an explanation needs a cause and a fix");
      }
    }
  }

  private static final String RESOURCE = "error-codes.txt";
  private final Map<String, Map<String, String>> blocks;

  private ErrorExplanations(Map<String, Map<String, String>> blocks) {
    this.blocks = blocks;
  }

  /** The explanations shipped with this build. */
  public static ErrorExplanations bundled() {
    try (InputStream in = ErrorExplanations.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the kernel jar");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ErrorExplanations parse(String text) {
    Map<String, Map<String, String>> blocks = new LinkedHashMap<>();
    Map<String, String> current = null;
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isBlank()) {
        current = null;
      } else if (current == null) {
        current = new LinkedHashMap<>();
        if (blocks.put(line.trim(), current) != null) {
          throw new IllegalStateException(RESOURCE + ":" + lineNo + ": " + line.trim() + " is explained twice");
        }
      } else {
        int colon = line.indexOf(':');
        if (colon < 0) {
          throw new IllegalStateException(RESOURCE + ":" + lineNo + ": expected `cause:` or `fix:`");
        }
        current.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    return new ErrorExplanations(blocks);
  }

  /** The code with this id ({@code STC-E001}, case-insensitive), if there is one. */
  public static Optional<ErrorCode> code(String id) {
    for (ErrorCode c : ErrorCode.values()) {
      if (c.id().equalsIgnoreCase(id.trim())) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The explanation of {@code code}; empty when the resource has no block for it. */
  public Optional<Explanation> of(ErrorCode code) {
    Map<String, String> b = blocks.get(code.id());
    if (b == null) {
      return Optional.empty();
    }
    return Optional.of(new Explanation(code, b.getOrDefault("cause", ""), b.getOrDefault("fix", "")));
  }

  /** Every code id the resource explains, in file order (for the test that holds it to the enum). */
  public java.util.Set<String> explainedIds() {
    return java.util.Collections.unmodifiableSet(blocks.keySet());
  }
}
