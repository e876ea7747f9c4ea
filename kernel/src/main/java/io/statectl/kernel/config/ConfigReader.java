package io.statectl.kernel.config;

import io.statectl.api.SourceLocation;
import io.statectl.api.module.ConfigProblem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Reads one configuration file format into located values. Implementations are stateless. */
public interface ConfigReader {

  /** The outcome of reading one file: a document, or the syntax problems that stop it. */
  sealed interface Result {
    record Parsed(ConfigDocument document) implements Result {}

    record Malformed(List<ConfigProblem> problems) implements Result {}
  }

  Result read(String path, byte[] bytes);

  /** Strict UTF-8 decoding; empty (and a problem) for anything else. */
  static Optional<String> utf8(String path, byte[] bytes, List<ConfigProblem> problems) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString());
    } catch (CharacterCodingException e) {
      problems.add(new ConfigProblem(SourceLocation.ofFile(path), "not valid UTF-8 text", "save the file as UTF-8"));
      return Optional.empty();
    }
  }
}
