package io.statectl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocolTest {
  @TempDir Path tmp;

  @Test
  void runRequest_roundTripsThroughAFrame() throws IOException {
    RunRequest r = new RunRequest("b1", List.of("apply", "--config", "ü/x"), "/w", "/h",
        Map.of("STATECTL_CONFIG", "c", "LANG", "C.UTF-8"), 42, RunRequest.Terminal.INTERACTIVE,
        RunRequest.Streams.STDERR_ONLY, 120);
    Pipe pipe = Pipe.open();
    Frames.writeMagic(pipe.sink());
    Frames.write(pipe.sink(), new Frame(FrameType.RUN, r.encode()));
    Frames.write(pipe.sink(), Frame.exit(130));
    pipe.sink().close();

    assertTrue(Frames.readMagic(pipe.source()));
    Frame f = Frames.read(pipe.source()).orElseThrow();
    assertEquals(FrameType.RUN, f.type());
    assertEquals(r, RunRequest.decode(f.payload()));
    assertEquals(130, Frames.read(pipe.source()).orElseThrow().exitCode());
    assertTrue(Frames.read(pipe.source()).isEmpty(), "a clean end between frames");
  }

  @Test
  void truncatedFrame_isAnError_notAnEnd() throws IOException {
    Pipe pipe = Pipe.open();
    pipe.sink().write(ByteBuffer.allocate(6).putInt(10).put((byte) 10).put((byte) 'x').flip());
    pipe.sink().close();
    assertThrows(IOException.class, () -> Frames.read(pipe.source()));
  }

  @Test
  void stateDir_followsTheEnginesRules() {
    Path cwd = Path.of("/work"), home = Path.of("/home/u");
    assertEquals(Path.of("/work/s"), StateDirs.resolve(List.of("generations", "--state-dir", "s"), Map.of(), cwd, home));
    assertEquals(Path.of("/x"), StateDirs.resolve(List.of("apply", "--state-dir=/x"), Map.of(), cwd, home));
    assertEquals(Path.of("/e"), StateDirs.resolve(List.of("history"), Map.of("STATECTL_STATE_DIR", "/e"), cwd, home));
    assertEquals(Path.of("/xdg/statectl"), StateDirs.resolve(List.of(), Map.of("XDG_STATE_HOME", "/xdg"), cwd, home));
    assertEquals(Path.of("/home/u/.local/state/statectl"), StateDirs.resolve(List.of(), Map.of(), cwd, home));
  }

  @Test
  void buildId_changesWhenAJarChanges() throws IOException {
    Files.createDirectories(tmp.resolve("lib"));
    Path jar = Files.writeString(tmp.resolve("lib/a.jar"), "x");
    String before = BuildId.of(tmp);
    assertEquals(before, BuildId.of(tmp));
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 1000));
    assertFalse(before.equals(BuildId.of(tmp)));
  }

  @Test
  void longStateDirs_doNotFitASocket() {
    assertTrue(new ServerFiles(Path.of("/tmp/s")).socketPathFits());
    assertFalse(new ServerFiles(Path.of("/tmp/" + "d".repeat(120))).socketPathFits());
  }
}
