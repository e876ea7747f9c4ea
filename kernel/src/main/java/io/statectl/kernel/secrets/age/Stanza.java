package io.statectl.kernel.secrets.age;

import java.util.List;

/**
 * One recipient stanza of an age header: its arguments (the first is the type) and its body.
 *
 * @param args at least one argument, each 1*VCHAR
 * @param body the decoded body
 */
public record Stanza(List<String> args, byte[] body) {
  public Stanza {
    args = List.copyOf(args);
    if (args.isEmpty()) {
      throw new IllegalArgumentException("a stanza needs at least a type argument");
    }
    for (String a : args) {
      if (a.isEmpty() || !a.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
        throw new IllegalArgumentException("stanza argument is not 1*VCHAR: " + a);
      }
    }
    body = body.clone();
  }

  public String type() {
    return args.get(0);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
