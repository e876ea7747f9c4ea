package io.statectl.kernel.inputs;

import java.util.Objects;

/** Where an input comes from, as {@code statectl.toml} declares it: a git repository at a ref, or a directory. */
public sealed interface InputSource {

  /** A short description for messages: the URL and ref, or the path. */
  String describe();

  /** A git repository ({@code git = URL}) at a branch, tag or commit ({@code ref}). */
  record Git(String url, String ref) implements InputSource {
    public Git {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(ref, "ref");
      if (url.isBlank() || ref.isBlank()) {
        throw new IllegalArgumentException("a git input needs a URL and a ref");
      }
    }

    @Override
    public String describe() {
      return url + " at " + ref;
    }
  }

  /** A directory, relative to the configuration ({@code path = "../dir"}) or absolute. */
  record Local(String path) implements InputSource {
    public Local {
      Objects.requireNonNull(path, "path");
      if (path.isBlank()) {
        throw new IllegalArgumentException("a path input needs a path");
      }
    }

    @Override
    public String describe() {
      return "path " + path;
    }
  }
}
