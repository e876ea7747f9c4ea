package io.statectl.kernel.secrets.age;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The age v1 header: stanzas and MAC, parsed strictly by the ABNF of the specification (so that
 * the bytes MACed are exactly the bytes read), and encoded canonically.
 *
 * @param stanzas at least one
 * @param mac the 32-byte header MAC
 * @param macedBytes the header up to and including {@code ---}, the input of the MAC
 * @param length bytes of the file the header occupies (the payload starts there)
 */
record Header(List<Stanza> stanzas, byte[] mac, byte[] macedBytes, int length) {
  static final String VERSION_LINE = "age-encryption.org/v1";
  private static final int COLUMNS = 64;

  Header {
    stanzas = List.copyOf(stanzas);
    if (stanzas.isEmpty()) {
      throw new IllegalArgumentException("a header needs a stanza");
    }
  }

  /** The bytes to MAC for these stanzas: version line, stanzas, {@code ---}. */
  static byte[] encodeWithoutMac(List<Stanza> stanzas) {
    StringBuilder sb = new StringBuilder(VERSION_LINE).append('\n');
    for (Stanza s : stanzas) {
      sb.append("-> ").append(String.join(" ", s.args())).append('\n');
      String body = RawBase64.encode(s.body());
      int i = 0;
      for (; i + COLUMNS <= body.length(); i += COLUMNS) {
        sb.append(body, i, i + COLUMNS).append('\n');
      }
      sb.append(body.substring(i)).append('\n');
    }
    sb.append("---");
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] macLine(byte[] mac) {
    return (" " + RawBase64.encode(mac) + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Parses the header at the start of a binary age file. */
  static Header parse(byte[] file) {
    Lines lines = new Lines(file);
    String version = lines.next();
    if (!version.equals(VERSION_LINE)) {
      throw failure(version.startsWith("age-encryption.org/")
          ? "unsupported version " + version.substring("age-encryption.org/".length())
          : "not an age file (no \"age-encryption.org/v1\" line)");
    }
    List<Stanza> stanzas = new ArrayList<>();
    while (true) {
      int lineStart = lines.position;
      String line = lines.next();
      if (line.startsWith("-> ")) {
        stanzas.add(stanza(line, lines));
      } else if (line.startsWith("---")) {
        if (stanzas.isEmpty()) {
          throw failure("no recipient stanza");
        }
        if (!line.startsWith("--- ")) {
          throw failure("the MAC line is not \"--- <mac>\"");
        }
        byte[] mac = RawBase64.decode(line.substring(4))
            .filter(m -> m.length == 32)
            .orElseThrow(() -> failure("the header MAC is not canonical base64 of 32 bytes"));
        byte[] maced = Arrays.copyOf(file, lineStart + 3);
        return new Header(stanzas, mac, maced, lines.position);
      } else {
        throw failure("a header line starts with neither \"-> \" nor \"---\"");
      }
    }
  }

  private static Stanza stanza(String argLine, Lines lines) {
    List<String> args = Arrays.asList(argLine.substring(3).split(" ", -1));
    for (String a : args) {
      if (a.isEmpty() || !a.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
        throw failure("a stanza argument is empty or has a character outside VCHAR");
      }
    }
    StringBuilder body = new StringBuilder();
    while (true) {
      String line = lines.next();
      if (line.length() > COLUMNS) {
        throw failure("a stanza body line is longer than 64 columns");
      }
      body.append(line);
      if (line.length() < COLUMNS) {
        break;
      }
    }
    byte[] decoded = RawBase64.decode(body.toString())
        .orElseThrow(() -> failure("a stanza body is not canonical unpadded base64"));
    return new Stanza(args, decoded);
  }

  static AgeException failure(String detail) {
    return new AgeException(AgeException.Failure.HEADER, "input", detail);
  }

  /** LF-terminated ASCII lines; a missing LF or a non-printable byte is a header failure. */
  private static final class Lines {
    private final byte[] bytes;
    private int position;

    Lines(byte[] bytes) {
      this.bytes = bytes;
    }

    String next() {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      while (true) {
        if (position >= bytes.length) {
          throw failure("the header ends before its MAC line");
        }
        byte b = bytes[position++];
        if (b == '\n') {
          return line.toString(StandardCharsets.US_ASCII);
        }
        if (b < 0x20 || b > 0x7e) {
          throw failure("a header line has a byte outside printable ASCII (CR or binary?)");
        }
        line.write(b);
      }
    }
  }
}
