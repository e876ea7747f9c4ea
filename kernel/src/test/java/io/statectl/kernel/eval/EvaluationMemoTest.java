package io.statectl.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluationMemoTest {
  private static final String HOST = "hosts/h.toml";

  private static MemoryConfigFileSystem repo(String setting) {
    return new MemoryConfigFileSystem().with(HOST, "[system]\nhostname = \"" + setting + "\"\n");
  }

  private static Evaluation.Success evaluate(MemoryConfigFileSystem repo, EvaluationMemo memo) {
    return assertInstanceOf(Evaluation.Success.class,
        new Evaluator(java.util.List::of).evaluate(repo, "h", Optional.empty(), memo));
  }

  private static EvaluationMemo.Key key(MemoryConfigFileSystem repo) {
    return EvaluationMemo.Key.of(repo, "h", Optional.empty());
  }

  @Test
  void unchangedRepository_returnsTheRememberedEvaluation() {
    EvaluationMemo memo = EvaluationMemo.inMemory();
    Evaluation.Success first = evaluate(repo("a"), memo);
    assertSame(first, memo.lookup(key(repo("a")), repo("a")).orElseThrow());
  }

  @Test
  void changedFile_isAMiss() {
    EvaluationMemo memo = EvaluationMemo.inMemory();
    evaluate(repo("a"), memo);
    assertTrue(memo.lookup(key(repo("b")), repo("b")).isEmpty(), "a file read has other bytes");
  }

  @Test
  void fileTheEvaluationNeverAskedFor_doesNotMatter() {
    EvaluationMemo memo = EvaluationMemo.inMemory();
    Evaluation.Success first = evaluate(repo("a"), memo);
    MemoryConfigFileSystem more = repo("a").with("hosts/other.toml", "");
    assertSame(first, memo.lookup(key(more), more).orElseThrow());
  }

  @Test
  void none_remembersNothing() {
    evaluate(repo("a"), EvaluationMemo.NONE);
    assertTrue(EvaluationMemo.NONE.lookup(key(repo("a")), repo("a")).isEmpty());
  }
}
