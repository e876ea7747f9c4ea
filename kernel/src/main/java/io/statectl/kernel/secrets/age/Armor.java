package io.statectl.kernel.secrets.age;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The age ASCII armor: strict PEM (RFC 7468 §3) with label "AGE ENCRYPTED FILE", 64-column
 * padded base64, canonical. Only whitespace around the block is tolerated, and CRLF line ends.
 */
final class Armor {
  static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
  static final String END = "-----END AGE ENCRYPTED FILE-----";
  private static final int COLUMNS = 64;

  private Armor() {}

  /** Whether the file starts (after whitespace) like an armored one. */
  static boolean isArmored(byte[] file) {
    int i = 0;
    while (i < file.length && isSpace(file[i])) {
      i++;
    }
    if (file.length - i >= 5 && file[i] == '-' && file[i + 1] == '-' && file[i + 2] == '-'
        && file[i + 3] == '-' && file[i + 4] == '-') {
      return true;
    }
    // garbage before an armored block must be an armor failure, not "not an age file"
    String head = new String(file, 0, Math.min(file.length, 1024), StandardCharsets.ISO_8859_1);
    return !head.startsWith("age-encryption.org/") && head.contains(BEGIN);
  }

  static byte[] encode(byte[] binary) {
    String b64 = Base64.getEncoder().encodeToString(binary);
    StringBuilder sb = new StringBuilder(BEGIN).append('\n');
    for (int i = 0; i < b64.length(); i += COLUMNS) {
      sb.append(b64, i, Math.min(b64.length(), i + COLUMNS)).append('\n');
    }
    sb.append(END).append('\n');
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] decode(byte[] armored) {
    int start = 0;
    int end = armored.length;
    while (start < end && isSpace(armored[start])) {
      start++;
    }
    while (end > start && isSpace(armored[end - 1])) {
      end--;
    }
    String text = new String(armored, start, end - start, StandardCharsets.US_ASCII);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0x7e || (c < 0x20 && c != '\n' && c != '\r')) {
        throw failure("a non-ASCII or control character");
      }
    }
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      if (lines[i].endsWith("\r")) {
        lines[i] = lines[i].substring(0, lines[i].length() - 1);
      }
    }
    if (lines.length < 2 || !lines[0].equals(BEGIN)) {
      throw failure("the first line is not " + BEGIN);
    }
    if (!lines[lines.length - 1].equals(END)) {
      throw failure("the last line is not " + END);
    }
    StringBuilder b64 = new StringBuilder();
    String[] body = Arrays.copyOfRange(lines, 1, lines.length - 1);
    for (int i = 0; i < body.length; i++) {
      String line = body[i];
      boolean last = i == body.length - 1;
      if (line.isEmpty() || line.length() > COLUMNS || (!last && line.length() != COLUMNS)) {
        throw failure("body line " + (i + 2) + " is not 64 columns (the last: 1 to 64)");
      }
      b64.append(line);
    }
    String all = b64.toString();
    if (!all.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 0x80 || c == '+' || c == '/' || c == '=')) {
      throw failure("a character outside base64");
    }
    byte[] out;
    try {
      out = Base64.getDecoder().decode(all);
    } catch (IllegalArgumentException e) {
      throw failure("invalid base64");
    }
    if (!Base64.getEncoder().encodeToString(out).equals(all)) {
      throw failure("the base64 is not canonical (padding or trailing bits)");
    }
    return out;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  private static AgeException failure(String detail) {
    return new AgeException(AgeException.Failure.ARMOR, "input", detail);
  }
}
