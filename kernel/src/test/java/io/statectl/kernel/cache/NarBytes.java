package io.statectl.kernel.cache;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes NAR tokens one by one, so tests can build archives that Nar.write never would. */
final class NarBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  NarBytes s(String... tokens) {
    for (String t : tokens) {
      bytes(t.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  NarBytes bytes(byte[] b) {
    number(b.length);
    out.writeBytes(b);
    int rest = b.length % 8;
    if (rest != 0) {
      out.writeBytes(new byte[8 - rest]);
    }
    return this;
  }

  NarBytes number(long v) {
    for (int i = 0; i < 8; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
    return this;
  }

  /** The start of an archive whose root is a directory. */
  static NarBytes directory() {
    return new NarBytes().s("nix-archive-1", "(", "type", "directory");
  }

  NarBytes file(String name, String contents) {
    return s("entry", "(", "name", name, "node", "(", "type", "regular", "contents", contents, ")", ")");
  }

  NarBytes link(String name, String target) {
    return s("entry", "(", "name", name, "node", "(", "type", "symlink", "target", target, ")", ")");
  }

  byte[] end() {
    s(")");
    return out.toByteArray();
  }

  byte[] raw() {
    return out.toByteArray();
  }
}
