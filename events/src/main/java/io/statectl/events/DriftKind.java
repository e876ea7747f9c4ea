package io.statectl.events;

/** Kinds of drift between the live machine and the active generation. */
public enum DriftKind {
  /** A managed link is gone. */
  MISSING,
  /** A managed link points somewhere else. */
  LINK_ELSEWHERE,
  /** A managed path holds a file of someone else's (e.g. an editor replaced the link), or a copied file's content changed. */
  MODIFIED,
  /** A file nobody manages sits in a directory that statectl manages. */
  UNMANAGED,
  /** The profile link does not point at the active generation. */
  PROFILE_LINK
}
