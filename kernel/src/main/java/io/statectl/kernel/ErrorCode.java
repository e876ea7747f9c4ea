package io.statectl.kernel;

/**
 * Stable error codes. A code, once released, keeps its meaning forever; new failures get new
 * codes. The exit code a CLI process returns for each lives here too, so that it is documented
 * in one place ({@code statectl --help} prints this table).
 */
public enum ErrorCode {
  CONFIG_INVALID("STC-E001", 3, "the configuration has errors (each printed with file:line:column)"),
  HOST_UNKNOWN("STC-E002", 3, "no hosts/<name>.toml for the requested host"),
  ACTIVATION_CONFLICT("STC-E003", 4, "files in the way that statectl does not own"),
  GENERATION_UNKNOWN("STC-E004", 5, "no such generation, or nothing to roll back to"),
  STORE_ERROR("STC-E005", 6, "the store could not be read or written"),
  LOG_CORRUPT("STC-E006", 7, "the event log failed verification"),
  CONCURRENT_CHANGE("STC-E007", 8, "another statectl changed this profile meanwhile; rerun"),
  PLUGIN_ERROR("STC-E008", 9, "a plugin failed to load or evaluate"),
  BACKUP_UNKNOWN("STC-E009", 5, "no such backup, or its target is occupied"),
  USAGE("STC-E010", 2, "bad command-line usage"),
  CANCELLED("STC-E011", 130, "cancelled (Ctrl-C) before the change was committed; the active generation is unchanged"),
  SERVER_UNAVAILABLE("STC-E012", 75, "the statectl server died during the command or could not be started; rerun"),
  // Issue 4 (history) took STC-E020..E029, so that codes added meanwhile elsewhere do not collide.
  GENERATION_ACTIVE("STC-E020", 5, "the active generation cannot be deleted"),
  WRITER_BUSY("STC-E021", 11, "another statectl held the state directory past --wait-timeout"),
  LOG_FROM_NEWER_STATECTL("STC-E022", 12, "a newer statectl wrote the event log; upgrade statectl"),
  REALISE_MISMATCH("STC-E023", 13, "rebuilding a generation from its recorded configuration gave another store path"),
  // Issue 14 (journal/history) has STC-E120..E139.
  LOG_TRUNCATED("STC-E120", 7, "the event log ends before its anchored head: records were deleted or an older log was put back"),
  LOG_HEAD_MISMATCH("STC-E121", 7, "the event log's record at the anchored head has another hash: the log was rewritten or replaced"),
  ACTIVATION_INTERRUPTED("STC-E122", 6, "an activation a crash interrupted could be neither rolled back nor forward; its journal was kept"),
  BACKUP_FAILED("STC-E123", 6, "a file in the way could not be sealed into the store (e.g. disk full); it was left as it was"),
  REPLAY_PLUGINS_MISSING("STC-E124", 9, "replay --apply: the generation was built with plugin versions that are not installed"),
  DRIFT("STC-E024", 1, "status: the live machine differs from the active generation"),
  PROFILE_COLLISION("STC-E070", 3, "two packages of a user profile provide the same file; set a priority"),
  BUILD_FAILED("STC-E060", 10, "a build failed; `statectl log PATH` shows its log"),
  HASH_MISMATCH("STC-E061", 10, "a fetched source does not have the declared sha256; nothing was registered"),
  NOT_DETERMINISTIC("STC-E062", 11, "build --check produced different output than the registered one"),
  // Issue 18 (secrets) took STC-E200..E219.
  SECRET_DAMAGED("STC-E200", 15, "a secret's .age file is malformed, truncated or tampered with (a MAC does not verify); restore it from git"),
  SECRET_NOT_FOR_HOST("STC-E201", 15, "a secret is not encrypted to this host's key; add the host's key to its recipients and run `statectl secrets rekey` where it can be opened"),
  SECRET_KEY_INVALID("STC-E202", 15, "an identity or recipient key is missing, unreadable or not a supported kind (age X25519, ssh-ed25519)"),
  SECRET_NO_RUNTIME_DIR("STC-E203", 15, "a home declares secrets but has no runtime directory ($XDG_RUNTIME_DIR unset and no /run/user/<uid>); nothing was changed"),
  SECRET_NOT_FOR_NODE("STC-E204", 15, "deploy: a node's key is not among the recipients of a secret its host declares; that node was refused before anything was copied"),
  SECRET_REFERENCE_INVALID("STC-E205", 3, "an option refers to a secret that is not declared, to a secret's content instead of its path, or to a home's secret from a machine option"),
  // Issue 14 took STC-E100..E119 (the store's life cycle: roots, gc, verify, repair, add, optimise).
  STORE_DAMAGED("STC-E100", 16, "store verify found missing, damaged, unregistered or dangling paths, or a profile link to a missing path (each named)"),
  REPAIR_FAILED("STC-E101", 16, "store verify --repair could not rebuild a damaged path (no deriver, or the rebuild differs)"),
  FILE_NAME_REFUSED("STC-E102", 6, "store add: a file name the store does not hold (a newline in it)"),
  OUT_LINK_OCCUPIED("STC-E103", 4, "--out-link names a file that is not a symlink; nothing was changed"),
  PATH_NOT_ALIVE("STC-E104", 1, "store why-alive: no root reaches the path (gc would delete it)"),
  // Issue 15 (services) took STC-E140..E159.
  UNITS_FAILED("STC-E140", 15, "the generation is active but units failed to start or reload (named, with their journal)"),
  SYSTEM_SOFTWARE_WRITE("STC-E141", 6, "the system profile's sw/ link farm (system.packages) could not be written; nothing was activated"),
  // Issue 20 (init, doctor, ui, explain) took STC-E220..E239.
  INIT_TARGET_NOT_EMPTY("STC-E220", 15, "init: the target directory is not empty (pass --force to write into it)"),
  UI_LISTEN_REFUSED("STC-E221", 2, "ui: refused to listen on a non-loopback address without --allow-remote"),
  DOCTOR_BLOCKER("STC-E222", 1, "doctor found something that keeps statectl from working on this machine"),
  ADOPT_FAILED("STC-E223", 15, "init --adopt: a file to adopt is missing, outside the home, or not a regular file"),
  // Issue 16 took STC-E160..E179 (binary cache: keys, push, serve, substitute).
  CACHE_KEY_INVALID("STC-E160", 3, "a binary-cache key file is missing, malformed or has unsafe permissions"),
  NARINFO_INVALID("STC-E161", 15, "a binary cache served a malformed narinfo or nix-cache-info, or one for another store"),
  NAR_INVALID("STC-E162", 15, "a NAR archive is malformed or unsafe (bad entry name, order, symlink, size); nothing was kept"),
  SUBSTITUTE_UNTRUSTED("STC-E163", 15, "a substitute has no signature by a trusted key; nothing was kept"),
  SUBSTITUTE_MISMATCH("STC-E164", 15, "a substitute's NarHash, NarSize or FileHash does not match its narinfo; nothing was kept"),
  CACHE_UNREACHABLE("STC-E165", 16, "a binary cache could not be read or written (I/O, HTTP status or timeout)"),
  SUBSTITUTER_FLAG_INVALID("STC-E166", 2, "a --substituters or --option value is not a cache URL, a NAME:base64 key, or a known option; nothing was done"),
  // Issue 17 (inputs and statectl.lock) has STC-E192..E199.
  INPUT_DECLARATION_INVALID("STC-E192", 3, "an inputs.<name> table in statectl.toml has a bad key, name or value"),
  INPUT_REF_UNKNOWN("STC-E193", 3, "an input's git ref (branch, tag or commit) does not exist in its repository"),
  INPUT_UNREACHABLE("STC-E194", 16, "an input's git URL does not answer, or its path is not a directory"),
  INPUT_HASH_MISMATCH("STC-E195", 15, "a fetched input's tree does not have the NAR hash statectl.lock pins; nothing was kept"),
  INPUT_CYCLE("STC-E196", 3, "inputs import each other in a cycle"),
  INPUT_NOT_LOCKED("STC-E197", 3, "an input is declared but statectl.lock is missing or does not pin it"),
  INPUT_LOCK_STALE("STC-E198", 3, "statectl.lock pins an input for another git URL, ref or path than statectl.toml declares"),
  INPUT_LOCK_INVALID("STC-E199", 3, "the inputs section of statectl.lock is malformed"),
  // Issue 19 (users E240..E246, install E247..E252, boot E253..E259).
  USERS_ID_CLASH("STC-E240", 3, "a declared uid or gid is another account's, or root is given an id other than 0; nothing was written"),
  USERS_GROUP_UNKNOWN("STC-E241", 3, "a user's group or extra group is neither declared nor in the root's /etc/group; nothing was written"),
  USERS_LOCKED("STC-E242", 11, "the root's account files are locked by another useradd, passwd or statectl"),
  INSTALL_ROOT_REFUSED("STC-E247", 2, "install: the root is /, a file, or missing; nothing was written"),
  INSTALL_EXISTS("STC-E248", 4, "install: the root already has a statectl state directory (pass --force to install again)"),
  INSTALL_NO_SYSTEMD("STC-E249", 3, "install: services are declared but the root has no systemd; nothing was written"),
  INSTALL_NO_NAMESPACE("STC-E250", 2, "install: cannot give the root's store its own path (needs root and unshare); nothing was written"),
  // Issue 17 (deploy E180..E191, inputs/lock E192..E199).
  DEPLOY_UNREACHABLE("STC-E180", 17, "deploy: ssh could not reach or log in to a node (OpenSSH's message is shown)"),
  DEPLOY_NODE_UNKNOWN("STC-E181", 2, "deploy: a node named on the command line is not in deploy.nodes, or there are no nodes"),
  DEPLOY_REMOTE_STATECTL_MISSING("STC-E182", 17, "deploy: the node has no statectl at the path its deploy node names"),
  DEPLOY_CONFIRM_TIMEOUT("STC-E183", 18, "deploy: the new generation was not confirmed in time; the node reverted to the previous one"),
  DEPLOY_REMOTE_FAILED("STC-E184", 17, "deploy: the node's statectl refused or failed to receive or activate the generation"),
  DEPLOY_STATE_DIR_MISMATCH("STC-E185", 3, "deploy: a node's stateDir differs from the deployer's, so its store paths would differ"),
  DEPLOY_NODES_FAILED("STC-E186", 17, "deploy: one or more nodes failed or reverted (the summary names each)"),
  DEPLOY_TOKEN_UNKNOWN("STC-E187", 17, "deploy: the node knows no pending activation of that token, or reverted it already"),
  BOOT_GENERATION_UNKNOWN("STC-E253", 5, "boot: no such generation, or it has no boot entry (pruned by boot.loader.configurationLimit or deleted)"),
  BOOT_NOT_SYSTEM("STC-E254", 5, "boot: the generation has no system part (no root files or services), so it cannot be booted"),
  BOOT_NO_LOADER("STC-E255", 2, "boot: the root has no /boot/loader (no system generation with boot entries, or boot.loader.type = \"none\")"),
  BOOT_LIMIT_INVALID("STC-E256", 3, "boot: boot.loader.configurationLimit is not a whole number of at least 1; nothing was written"),
  BOOT_KERNEL_MISSING("STC-E257", 3, "boot: boot.kernel or boot.initrd names a file that is not in the root; nothing was written"),
  INTERNAL("STC-E999", 70, "a bug in statectl: please report it with the output above");

  private final String id;
  private final int exitCode;
  private final String meaning;

  ErrorCode(String id, int exitCode, String meaning) {
    this.id = id;
    this.exitCode = exitCode;
    this.meaning = meaning;
  }

  public String id() {
    return id;
  }

  public int exitCode() {
    return exitCode;
  }

  public String meaning() {
    return meaning;
  }

  /**
   * How a configuration problem says it has a code of its own (problems are plugin-API records
   * without one): its message starts with {@code [STC-Ennn] }.
   */
  public String tag() {
    return "[" + id + "] ";
  }

  /** The code a problem's message is tagged with ({@link #tag()}), if any. */
  public static java.util.Optional<ErrorCode> taggedIn(String message) {
    if (message.startsWith("[STC-E")) {
      int end = message.indexOf("] ");
      for (ErrorCode c : values()) {
        if (end > 0 && c.id.equals(message.substring(1, end))) {
          return java.util.Optional.of(c);
        }
      }
    }
    return java.util.Optional.empty();
  }
}
