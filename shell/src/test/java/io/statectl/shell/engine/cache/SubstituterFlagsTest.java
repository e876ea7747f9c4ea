package io.statectl.shell.engine.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.ErrorCode;
import io.statectl.kernel.cache.SigningKey;
import io.statectl.kernel.modules.StoreModule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubstituterFlagsTest {
  static final String KEY = SigningKey.generate("flag-1").publicKey().render();
  static final StoreModule.Settings CONFIGURED = new StoreModule.Settings(List.of("https://configured.example"),
      List.of(KEY), true, Duration.ofSeconds(30));

  static SubstituterFlags options(String... options) {
    return new SubstituterFlags(List.of(), List.of(), List.of(options), false);
  }

  @Test
  void noFlags_leaveTheConfigurationAsItIs() {
    SubstituterFlags.Effective e = SubstituterFlags.NONE.over(CONFIGURED);
    assertEquals(CONFIGURED, e.settings());
    assertEquals(SubstituterFlags.DEFAULT_CONNECTIONS, e.connections());
  }

  @Test
  void substituters_replace_andExtraSubstituters_add_asInNix() {
    SubstituterFlags f = new SubstituterFlags(List.of("file:///a http://b:5000"), List.of("https://c"), List.of(), false);
    assertEquals(List.of("file:///a", "http://b:5000", "https://c"), f.over(CONFIGURED).settings().substituters());
    assertEquals(List.of("https://configured.example", "file:///x"),
        options("extra-substituters=file:///x").over(CONFIGURED).settings().substituters());
    assertEquals(List.of("file:///y"), options("substituters=file:///y").over(CONFIGURED).settings().substituters());
  }

  @Test
  void options_setKeys_signatures_timeout_andConnections() {
    String other = SigningKey.generate("flag-2").publicKey().render();
    SubstituterFlags.Effective e = options("trusted-public-keys=" + other, "require-sigs=false", "connect-timeout=5",
        "http-connections=9").over(CONFIGURED);
    assertEquals(List.of(other), e.settings().trustedPublicKeys());
    assertFalse(e.settings().requireSigs());
    assertEquals(Duration.ofSeconds(5), e.settings().timeout());
    assertEquals(9, e.connections());
    assertEquals(List.of(KEY, other), options("extra-trusted-public-keys=" + other).over(CONFIGURED).settings()
        .trustedPublicKeys());
    assertTrue(options("substituters=file:///z").over(null).settings().requireSigs(), "signatures stay required by default");
  }

  static String refused(SubstituterFlags f) {
    SubstituterFlagException e = assertThrows(SubstituterFlagException.class, f::check);
    assertEquals(ErrorCode.SUBSTITUTER_FLAG_INVALID, e.code());
    assertEquals("STC-E166", e.code().id());
    return e.getMessage();
  }

  @Test
  void badUrls_areRefused_namingTheFlagAndTheWord() {
    String m = refused(new SubstituterFlags(List.of("http://ok ftp://cache.example"), List.of(), List.of(), false));
    assertTrue(m.startsWith("--substituters: word 2 'ftp://cache.example' is not a binary cache URL: statectl speaks"), m);
    assertTrue(refused(options("extra-substituters=file://relative/dir")).contains(
        "--option extra-substituters: word 1 'file://relative/dir'"), "file:// needs an absolute path");
    assertTrue(refused(options("substituters=cache.example")).contains("it has no scheme"));
    assertTrue(refused(options("substituters=http://")).contains("--option substituters: word 1 'http://'"));
  }

  @Test
  void badKeys_areRefused_namingTheWordAndNameBase64() {
    String m = refused(options("trusted-public-keys=" + KEY + " nokey"));
    assertTrue(m.startsWith("--option trusted-public-keys: word 2 'nokey' is not a public key in NAME:base64 form"), m);
    assertTrue(refused(options("extra-trusted-public-keys=k:AAAA")).contains("word 1 'k:AAAA'"));
    assertTrue(refused(options("trusted-public-keys=k:***")).contains("not base64"));
  }

  @Test
  void unknownOptions_andBadValues_areRefused() {
    assertTrue(refused(options("substituter=http://x")).contains("did you mean substituters?"));
    assertTrue(refused(options("require-sigs=maybe")).contains("'maybe' is not true or false"));
    assertTrue(refused(options("http-connections=0")).contains("from 1 to 64"));
  }
}
