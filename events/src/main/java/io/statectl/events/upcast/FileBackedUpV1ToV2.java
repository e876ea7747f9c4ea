package io.statectl.events.upcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code FileBackedUp} 1 → 2: the permission bits' property {@code mode} was renamed
 * {@code permissions} (a "mode" is also what a file entry's regular/executable is called).
 */
public final class FileBackedUpV1ToV2 implements PayloadUpcaster {

  @Override
  public String type() {
    return "FileBackedUp";
  }

  @Override
  public int fromVersion() {
    return 1;
  }

  @Override
  public ObjectNode upcast(ObjectNode payload) {
    JsonNode mode = payload.remove("mode");
    if (mode != null && !payload.has("permissions")) {
      payload.set("permissions", mode);
    }
    return payload;
  }
}
