package io.statectl.kernel.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.statectl.api.SourceLocation;
import io.statectl.api.config.ConfigBool;
import io.statectl.api.config.ConfigFloat;
import io.statectl.api.config.ConfigInt;
import io.statectl.api.config.ConfigList;
import io.statectl.api.config.ConfigString;
import io.statectl.api.config.ConfigTable;
import io.statectl.api.config.ConfigValue;
import io.statectl.api.module.ConfigProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads JSON with Jackson's streaming parser, which reports the location of every token; a
 * member's value is located at its name. Duplicate names are errors.
 */
public final class JsonReader implements ConfigReader {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  @Override
  public Result read(String path, byte[] bytes) {
    List<ConfigProblem> problems = new ArrayList<>();
    Optional<String> text = ConfigReader.utf8(path, bytes, problems);
    if (text.isEmpty()) {
      return new Result.Malformed(problems);
    }
    try (JsonParser p = FACTORY.createParser(text.get())) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return new Result.Malformed(List.of(new ConfigProblem(new SourceLocation(path, 1, 1),
            "a configuration file must hold an object at the top", "write { \"files\": { … } }")));
      }
      ConfigValue v = value(path, p, loc(path, p.currentTokenLocation()), problems);
      if (p.nextToken() != null) {
        problems.add(new ConfigProblem(loc(path, p.currentTokenLocation()), "JSON syntax error: content after the object",
            "a file holds exactly one JSON object"));
      }
      return problems.isEmpty() ? new Result.Parsed(new ConfigDocument(path, (ConfigTable) v))
          : new Result.Malformed(problems);
    } catch (JsonParseException e) {
      return new Result.Malformed(List.of(new ConfigProblem(loc(path, e.getLocation()),
          "JSON syntax error: " + e.getOriginalMessage(), "fix the syntax (JSON reference: https://www.json.org)")));
    } catch (IOException e) {
      return new Result.Malformed(List.of(new ConfigProblem(SourceLocation.ofFile(path), "cannot read JSON: " + e.getMessage(),
          "fix the file")));
    }
  }

  private static SourceLocation loc(String path, JsonLocation l) {
    return l == null ? SourceLocation.ofFile(path)
        : new SourceLocation(path, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
  }

  private ConfigValue value(String path, JsonParser p, SourceLocation at, List<ConfigProblem> problems) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        Map<String, ConfigValue> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          SourceLocation keyAt = loc(path, p.currentTokenLocation());
          p.nextToken();
          entries.put(name, value(path, p, keyAt, problems));
        }
        return new ConfigTable(entries, at);
      }
      case START_ARRAY: {
        List<ConfigValue> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(path, p, loc(path, p.currentTokenLocation()), problems));
        }
        return new ConfigList(items, at);
      }
      case VALUE_STRING:
        return new ConfigString(p.getText(), at);
      case VALUE_NUMBER_INT:
        return new ConfigInt(p.getLongValue(), at);
      case VALUE_NUMBER_FLOAT:
        return new ConfigFloat(p.getDoubleValue(), at);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return new ConfigBool(p.getBooleanValue(), at);
      default:
        problems.add(new ConfigProblem(at, "null values are not configuration", "give a value, or remove the member"));
        return new ConfigString("", at);
    }
  }
}
