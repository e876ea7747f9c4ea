package io.statectl.kernel.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.statectl.kernel.store.Hash;
import io.statectl.kernel.store.StorePath;
import org.junit.jupiter.api.Test;

class NarInfoTest {
  // A narinfo as Nix 2.8 writes it (nix copy --to file://), references and all.
  static final String NIX = """
      StorePath: /nix/store/0c8fkmgkbyqqzjm2r7plwqa5hy1z7y2b-hello-2.12
      URL: nar/1w1fff338fvdw53sqgamddn1b2xgds473pv6y13gizdbqjv4i5p3.nar.xz
      Compression: xz
      FileHash: sha256:1w1fff338fvdw53sqgamddn1b2xgds473pv6y13gizdbqjv4i5p3
      FileSize: 50088
      NarHash: sha256:0bzsz4cxsm0hzmmlfslyq0c0k3ifk1nkplbpyn6yqj9bb3iyhnzv
      NarSize: 226552
      References: 0c8fkmgkbyqqzjm2r7plwqa5hy1z7y2b-hello-2.12 1zy01hjzwvvia6h9dq5xar88v77fgh9x-glibc-2.34-210
      Deriver: 6hz9fzvnfkycbr8bz7sl9zk3cyqx9vz4-hello-2.12.drv
      Sig: cache.nixos.org-1:4VE0Hdr/1ZFDjAeW5VXNjCjWHQXAgR6kkPBMZ4d6aWvJcZeL/ZbN9FKMYhSAyrPPmSEWvN3iB5m8JUBm6uPsAQ==
      """;

  @Test
  void parse_readsNixNarInfo_andRenderGivesTheSameText() {
    NarInfo info = NarInfo.parse(NIX, "/nix/store", "cache/0c8f.narinfo");
    assertEquals(StorePath.parse("0c8fkmgkbyqqzjm2r7plwqa5hy1z7y2b-hello-2.12"), info.path());
    assertEquals(Compression.XZ, info.compression());
    assertEquals(226552, info.narSize());
    assertEquals(2, info.references().size());
    assertEquals("cache.nixos.org-1", info.signatures().get(0).keyName());
    assertEquals(NIX, info.render());
    assertEquals("1;/nix/store/0c8fkmgkbyqqzjm2r7plwqa5hy1z7y2b-hello-2.12;sha256:0bzsz4cxsm0hzmmlfslyq0c0k3ifk1nkplbpyn6yqj9bb3iyhnzv;226552;"
        + "/nix/store/0c8fkmgkbyqqzjm2r7plwqa5hy1z7y2b-hello-2.12,/nix/store/1zy01hjzwvvia6h9dq5xar88v77fgh9x-glibc-2.34-210",
        info.fingerprint());
  }

  @Test
  void parse_refusesStorePathOfAnotherStoreDir_namingTheLine() {
    InvalidNarInfoException e = assertThrows(InvalidNarInfoException.class,
        () -> NarInfo.parse(NIX, "/other/store", "cache/x.narinfo"));
    assertTrue(e.getMessage().contains("cache/x.narinfo:1") && e.getMessage().contains("/other/store"), e.getMessage());
  }

  @Test
  void parse_refusesMissingNarHashAndEscapingUrl() {
    String noHash = NIX.replaceAll("NarHash: .*\n", "");
    assertTrue(assertThrows(InvalidNarInfoException.class, () -> NarInfo.parse(noHash, "/nix/store", "c"))
        .getMessage().contains("no NarHash"));
    String escaping = NIX.replaceAll("URL: .*\n", "URL: ../../etc/passwd\n");
    assertThrows(InvalidNarInfoException.class, () -> NarInfo.parse(escaping, "/nix/store", "c"));
  }

  @Test
  void emptyReferences_renderWithTheSpaceNixNeeds() {
    NarInfo info = NarInfo.parse(NIX.replaceAll("References: .*\n", "References: \n"), "/nix/store", "c");
    assertTrue(info.references().isEmpty());
    assertTrue(info.render().contains("References: \nDeriver"));
    assertEquals(Hash.parse("sha256:0bzsz4cxsm0hzmmlfslyq0c0k3ifk1nkplbpyn6yqj9bb3iyhnzv"), info.narHash());
  }

  @Test
  void cacheInfo_roundTrips() {
    NixCacheInfo info = NixCacheInfo.parse("StoreDir: /nix/store\nWantMassQuery: 1\nPriority: 30\n", "c");
    assertEquals(new NixCacheInfo("/nix/store", true, 30), info);
    assertEquals(info, NixCacheInfo.parse(info.render(), "c"));
  }
}
