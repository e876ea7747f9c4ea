package io.statectl.kernel.secrets.age;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32 (BIP 173, not bech32m) as age uses it for keys: no 90-character limit, one case only.
 */
final class Bech32 {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

  /** A decoded string: its human-readable part (lower case) and data. */
  record Decoded(String hrp, byte[] data) {}

  private Bech32() {}

  static String encode(String hrp, byte[] data) {
    byte[] values = convertBits(data, 8, 5, true);
    byte[] checksum = checksum(hrp, values);
    StringBuilder sb = new StringBuilder(hrp).append('1');
    for (byte v : values) {
      sb.append(CHARSET.charAt(v));
    }
    for (byte v : checksum) {
      sb.append(CHARSET.charAt(v));
    }
    return sb.toString();
  }

  static Decoded decode(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.equals(text) && !text.toUpperCase(Locale.ROOT).equals(text)) {
      throw new IllegalArgumentException("mixed case");
    }
    int sep = lower.lastIndexOf('1');
    if (sep < 1 || sep + 7 > lower.length()) {
      throw new IllegalArgumentException("no separator or too short");
    }
    String hrp = lower.substring(0, sep);
    for (char c : hrp.toCharArray()) {
      if (c < 33 || c > 126) {
        throw new IllegalArgumentException("invalid character in prefix");
      }
    }
    byte[] values = new byte[lower.length() - sep - 1];
    for (int i = 0; i < values.length; i++) {
      int v = CHARSET.indexOf(lower.charAt(sep + 1 + i));
      if (v < 0) {
        throw new IllegalArgumentException("invalid character '" + lower.charAt(sep + 1 + i) + "'");
      }
      values[i] = (byte) v;
    }
    if (polymod(expand(hrp), values) != 1) {
      throw new IllegalArgumentException("bad checksum");
    }
    byte[] data = new byte[values.length - 6];
    System.arraycopy(values, 0, data, 0, data.length);
    return new Decoded(hrp, convertBits(data, 5, 8, false));
  }

  private static byte[] checksum(String hrp, byte[] values) {
    byte[] padded = new byte[values.length + 6];
    System.arraycopy(values, 0, padded, 0, values.length);
    int mod = polymod(expand(hrp), padded) ^ 1;
    byte[] out = new byte[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
    }
    return out;
  }

  private static byte[] expand(String hrp) {
    byte[] out = new byte[hrp.length() * 2 + 1];
    for (int i = 0; i < hrp.length(); i++) {
      out[i] = (byte) (hrp.charAt(i) >> 5);
      out[i + hrp.length() + 1] = (byte) (hrp.charAt(i) & 31);
    }
    return out;
  }

  private static int polymod(byte[] a, byte[] b) {
    int chk = 1;
    for (byte[] part : new byte[][] {a, b}) {
      for (byte v : part) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v;
        for (int i = 0; i < 5; i++) {
          if (((top >>> i) & 1) != 0) {
            chk ^= GEN[i];
          }
        }
      }
    }
    return chk;
  }

  private static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << to) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : in) {
      acc = (acc << from) | (b & 0xff);
      bits += from;
      while (bits >= to) {
        bits -= to;
        out.write((acc >>> bits) & maxv);
      }
    }
    if (pad) {
      if (bits > 0) {
        out.write((acc << (to - bits)) & maxv);
      }
    } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
      throw new IllegalArgumentException("invalid padding");
    }
    return out.toByteArray();
  }
}
