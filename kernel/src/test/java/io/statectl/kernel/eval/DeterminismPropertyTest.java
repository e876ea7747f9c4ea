package io.statectl.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.statectl.api.Platform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Evaluation is a function of the repository's content: the same files, listed by the file
 * system in any order, give byte-identical evaluated output. Random configurations, several
 * listing orders each.
 */
class DeterminismPropertyTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @RepeatedTest(25)
  void sameInputs_anyListingOrder_byteIdenticalOutput(RepetitionInfo info) throws Exception {
    Random random = new Random(4242L + info.getCurrentRepetition());
    int modules = 2 + random.nextInt(6);
    List<String> hosts = new ArrayList<>(List.of("h", "a", "z", "m"));
    String reference = null;
    for (int round = 0; round < 4; round++) {
      Collections.shuffle(hosts, new Random(round * 31L + info.getCurrentRepetition()));
      MemoryConfigFileSystem fs = repository(new Random(4242L + info.getCurrentRepetition()), modules, round)
          .listingOrder(List.copyOf(hosts));
      Evaluation.Success s = EvaluatorTestSupport.ok(fs, "h", Platform.X86_64_LINUX);
      String out = JSON.writeValueAsString(EvaluatedValues.toJson(s.config(), JSON)) + s.entries() + s.files().keySet();
      if (reference == null) {
        reference = out;
      } else {
        assertEquals(reference, out, "evaluation depends on listing order");
      }
    }
  }

  /** A random repository; {@code round} only changes the order files are added in. */
  static MemoryConfigFileSystem repository(Random r, int modules, int round) {
    List<String[]> files = new ArrayList<>();
    StringBuilder imports = new StringBuilder("imports = [");
    for (int i = 0; i < modules; i++) {
      StringBuilder m = new StringBuilder("[demo]\ntags = [\"t" + r.nextInt(100) + "\"]\n[demo.env]\n");
      for (int k = 0; k < 3; k++) {
        m.append("K").append(i).append("_").append(k * 100 + r.nextInt(50)).append(" = \"v").append(r.nextInt(9)).append("\"\n");
      }
      if (i == 0) {
        m.append("[defaults.demo]\ncount = ").append(r.nextInt(10)).append('\n');
      }
      files.add(new String[] {"modules/m" + i + ".toml", m.toString()});
      imports.append(i == 0 ? "" : ", ").append("\"../modules/m").append(i).append(".toml\"");
    }
    files.add(new String[] {"hosts/h.toml", imports + "]\n[demo]\nname = \"${system.hostname}-" + r.nextInt(9) + "\"\n"});
    for (String other : List.of("a", "z", "m")) {
      files.add(new String[] {"hosts/" + other + ".toml", "[demo]\nname = \"" + other + "\"\n"});
    }
    Collections.shuffle(files, new Random(round));
    MemoryConfigFileSystem fs = new MemoryConfigFileSystem();
    files.forEach(f -> fs.with(f[0], f[1]));
    return fs;
  }
}
