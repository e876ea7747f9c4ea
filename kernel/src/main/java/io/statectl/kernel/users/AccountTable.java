package io.statectl.kernel.users;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One of {@code passwd}, {@code group}, {@code shadow}, {@code gshadow}: colon-separated records
 * keyed by their first field, in file order (new records are appended, as {@code useradd} does).
 * Lines that are not records (comments, NIS {@code +}/{@code -} lines) are kept verbatim.
 */
public final class AccountTable {
  private final int fields;
  private final Map<String, String[]> records = new LinkedHashMap<>();

  private AccountTable(int fields) {
    this.fields = fields;
  }

  public static AccountTable parse(String text, int fields) {
    AccountTable t = new AccountTable(fields);
    int verbatim = 0;
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#") || line.startsWith("+") || line.startsWith("-") || !line.contains(":")) {
        t.records.put("\0" + verbatim++, new String[] {line});
        continue;
      }
      String[] f = Arrays.copyOf(line.split(":", -1), Math.max(fields, line.split(":", -1).length));
      for (int i = 0; i < f.length; i++) {
        f[i] = f[i] == null ? "" : f[i];
      }
      t.records.put(f[0], f);
    }
    return t;
  }

  public Optional<String[]> get(String name) {
    return Optional.ofNullable(records.get(name)).filter(f -> !name.startsWith("\0")).map(String[]::clone);
  }

  public void put(String[] record) {
    if (record.length < fields) {
      throw new IllegalArgumentException("a record needs " + fields + " fields: " + String.join(":", record));
    }
    records.put(record[0], record.clone());
  }

  public void remove(String name) {
    records.remove(name);
  }

  /** The names of the records, in file order. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (String k : records.keySet()) {
      if (!k.startsWith("\0")) {
        names.add(k);
      }
    }
    return names;
  }

  /** The numeric third field (uid in passwd, gid in group) of a record, if it has one. */
  public Optional<Integer> id(String name) {
    return get(name).flatMap(f -> {
      try {
        return Optional.of(Integer.parseInt(f[2]));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  /** The record name holding numeric id {@code id} in the third field, if any. */
  public Optional<String> holderOf(int id) {
    return names().stream().filter(n -> id(n).filter(i -> i == id).isPresent()).findFirst();
  }

  public String render() {
    StringBuilder b = new StringBuilder();
    for (String[] f : records.values()) {
      b.append(String.join(":", f)).append('\n');
    }
    return b.toString();
  }
}
