package io.statectl.shell.engine.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statectl.events.EventJson;
import io.statectl.events.log.EventLog;
import io.statectl.events.log.VerifyResult;
import io.statectl.kernel.store.PathInfo;
import io.statectl.kernel.store.Store;
import io.statectl.kernel.store.StorePath;
import io.statectl.projections.ProjectionStore;
import io.statectl.projections.backups.BackupRecord;
import io.statectl.projections.generations.ActiveGeneration;
import io.statectl.projections.generations.GenerationRecord;
import io.statectl.shell.engine.Output;
import io.statectl.shell.engine.PhaseTimer;
import io.statectl.shell.engine.Profiles;
import io.statectl.shell.engine.Request;
import io.statectl.shell.engine.UsageException;
import io.statectl.shell.engine.session.StateSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The read commands: they read projections and the log, never start Axon, never take the lock. */
public final class ReadHandler {
  private static final String PROFILE = Profiles.SYSTEM;
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private final Output out;
  private final PhaseTimer timer;
  private final ObjectMapper json = EventJson.newMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ReadHandler(Output out, PhaseTimer timer) {
    this.out = out;
    this.timer = timer;
  }

  public int generations(Request.Generations r) {
    final String PROFILE = Profiles.checked(r.profile());
    List<String> others = List.of();
    List<GenerationRecord> all = List.of();
    Optional<ActiveGeneration> active = Optional.empty();
    if (r.state().exists()) {
      try (StateSession s = new StateSession(r.state(), timer)) {
        ProjectionStore p = r.asOf().isPresent()
            ? s.view(HistoryPoints.resolve(s.log(), r.asOf().get(), PROFILE).sequence())
            : s.projections();
        all = p.generations(PROFILE);
        active = p.active(PROFILE);
        others = p.profiles().stream().filter(x -> !x.equals(PROFILE)).toList();
      }
    } else if (r.asOf().isPresent()) {
      throw new UsageException("there is no history at " + r.state().root(), "run `statectl apply` first");
    }
    int current = active.map(ActiveGeneration::number).orElse(0);
    List<GenerationRecord> gens = all;
    io.statectl.shell.engine.boot.BootMarks boot = PROFILE.equals(Profiles.SYSTEM) && r.asOf().isEmpty()
        ? active.flatMap(a -> Optional.ofNullable(a.root())).map(root -> io.statectl.shell.engine.boot.BootMarks.of(
            Path.of(root), gens, current)).orElse(io.statectl.shell.engine.boot.BootMarks.NONE)
        : io.statectl.shell.engine.boot.BootMarks.NONE;
    if (r.format() == Request.Format.JSON) {
      ArrayNode arr = json.createArrayNode();
      for (GenerationRecord g : all) {
        ObjectNode n = json.valueToTree(g);
        n.put("active", g.number() == current);
        n.put("booted", boot.booted().equals(Optional.of(g.number())));
        n.put("bootDefault", boot.defaultGeneration().equals(Optional.of(g.number())));
        n.put("bootEntry", boot.entries().contains(g.number()));
        arr.add(n);
      }
      print(arr);
      return 0;
    }
    if (all.isEmpty()) {
      out.result("no generations yet; run `statectl apply`");
    }
    for (GenerationRecord g : all) {
      List<String> marks = boot.of(g.number());
      String origin = g.revision().map(v -> "  " + v.shortForm()).orElse("")
          + g.note().map(m -> "  \"" + m + "\"").orElse("")
          + (marks.isEmpty() ? "" : "  (" + String.join(", ", marks) + ")");
      out.result(String.format("%s %4d  %s  %-12s %s%s", g.number() == current ? "*" : " ", g.number(),
          TIME.format(g.createdAt()), g.host(), g.storePath(), origin));
    }
    others.forEach(o -> out.message("note: profile " + o + " has its own generations: statectl generations --profile " + o));
    return 0;
  }

  public int history(Request.History r) {
    if (!r.state().exists()) {
      if (r.format() == Request.Format.JSON) {
        out.result("[]");
      } else {
        out.result("no events yet");
      }
      return 0;
    }
    HistoryFilter f = r.filter();
    for (String type : f.types()) {
      if (io.statectl.events.EventTypes.byName(type).isEmpty()) {
        throw new UsageException("there is no event type '" + type + "'", "the types are: "
            + io.statectl.events.EventTypes.all().stream().map(io.statectl.events.EventType::name)
                .collect(Collectors.joining(", ")));
      }
    }
    try (StateSession s = new StateSession(r.state(), timer)) {
      EventLog log = s.log();
      ArrayNode arr = json.createArrayNode();
      log.forEach(1, log.lastSequence(), rec -> {
        if (f.since().isPresent() && rec.timestamp().isBefore(f.since().get())
            || f.until().isPresent() && !rec.timestamp().isBefore(f.until().get())
            || !f.types().isEmpty() && !f.types().contains(rec.type())
            || f.profile().isPresent() && !f.profile().get().equals(rec.aggregateId())) {
          return;
        }
        if (r.format() == Request.Format.JSON) {
          ObjectNode n = arr.addObject();
          n.put("sequence", rec.sequence());
          n.put("timestamp", rec.timestamp().toString());
          n.put("type", rec.type());
          n.put("schemaVersion", rec.schemaVersion());
          n.put("aggregate", rec.aggregateId());
          n.put("aggregateSequence", rec.aggregateSequence());
          n.set("event", json.valueToTree(rec.event()));
        } else {
          out.result(String.format("%6d  %s  %-22s %s", rec.sequence(), TIME.format(rec.timestamp()), rec.type(),
              EventSummaries.summary(rec.event())));
        }
      });
      if (r.format() == Request.Format.JSON) {
        print(arr);
      }
      return 0;
    }
  }

  public int verify(Request.Verify r) {
    if (!r.state().exists()) {
      out.result("no event log yet: nothing to verify");
      return 0;
    }
    try (StateSession s = new StateSession(r.state(), timer)) {
      Optional<io.statectl.events.log.ChainHead> head = s.log().head();
      VerifyResult result = timer.time("verify", () -> s.log().verify(1));
      if (result instanceof VerifyResult.Broken b) {
        throw new LogCorruptException(b, r.state().events().toString());
      }
      VerifyResult.Ok ok = (VerifyResult.Ok) result;
      ChainHeadCheck.compare(s.log(), head).ifPresent(out::message);
      out.result("event log intact: " + ok.count() + " record(s), checksums and hash chain verified through sequence "
          + ok.lastSequence());
      return 0;
    }
  }

  public int pathInfo(Request.PathInfo r) {
    if (!r.state().exists()) {
      throw new UsageException("no store at " + r.state().store(), "run `statectl apply` first, or pass --state-dir");
    }
    try (StateSession s = new StateSession(r.state(), timer)) {
      Store store = s.store();
      StorePath path = StoreQueries.parse(store, r.path());
      PathInfo info = store.pathInfo(path).orElseThrow(() -> new UsageException(
          store.toFile(path) + " is not a valid store path", "list valid paths with `statectl generations`"));
      PathOrigin origin = timer.time("origin", () -> PathOrigin.of(s.log(), info, store.toFile(path).toString()));
      if (r.format() == Request.Format.JSON) {
        ObjectNode n = json.createObjectNode();
        n.put("path", store.toFile(path).toString());
        n.put("narHash", info.narHash().toString());
        n.put("narSize", info.narSize());
        ArrayNode refs = n.putArray("references");
        info.references().forEach(ref -> refs.add(store.toFile(ref).toString()));
        n.put("registrationTime", info.registrationTime().toString());
        info.deriver().ifPresent(d -> n.put("deriver", store.toFile(d).toString()));
        ArrayNode sigs = n.putArray("signatures");
        info.signatures().forEach(sigs::add);
        info.ca().ifPresent(ca -> n.put("ca", ca));
        ObjectNode o = n.putObject("origin");
        o.put("kind", origin.kind());
        origin.at().ifPresent(t -> o.put("at", t.toString()));
        origin.from().ifPresent(f -> o.put("from", f));
        origin.signedBy().ifPresent(k -> o.put("signedBy", k));
        if (origin.kind().equals("built")) {
          o.put("sandboxed", !origin.unsandboxed());
        }
        print(n);
        return 0;
      }
      out.result("path          " + store.toFile(path));
      out.result("nar hash      " + info.narHash());
      out.result("nar size      " + info.narSize());
      out.result("references    " + (info.references().isEmpty() ? "(none)"
          : info.references().stream().map(ref -> store.toFile(ref).toString()).collect(Collectors.joining("\n              "))));
      out.result("registered    " + TIME.format(info.registrationTime()));
      info.deriver().ifPresent(d -> out.result("deriver       " + store.toFile(d)));
      info.signatures().forEach(sig -> out.result("signature     " + sig));
      out.result("origin        " + origin.detail() + origin.at().map(t -> ", " + TIME.format(t)).orElse(""));
      return 0;
    }
  }

  public int backups(Request.Backups r) {
    List<BackupRecord> all = List.of();
    if (r.state().exists()) {
      try (StateSession s = new StateSession(r.state(), timer)) {
        all = s.projections().backups();
      }
    }
    if (r.format() == Request.Format.JSON) {
      print(json.valueToTree(all));
      return 0;
    }
    if (all.isEmpty()) {
      out.result("no backups: statectl has never replaced a file (apply --backup does, when a file is in the way)");
      return 0;
    }
    for (BackupRecord b : all) {
      out.result(String.format("%6d  %s  %s", b.id(), TIME.format(b.at()), b.livePath()));
      out.result("        saved as " + b.storePath() + " (" + b.mode() + ")");
      out.result("        restore: statectl restore-backup " + b.id() + " --to " + b.livePath() + ".restored");
    }
    return 0;
  }

  private void print(Object node) {
    try {
      out.result(json.writeValueAsString(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
