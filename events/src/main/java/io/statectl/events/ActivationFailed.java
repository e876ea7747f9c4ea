package io.statectl.events;

import java.util.List;
import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * Activating a generation did not end as planned, and what was done about it. One event for
 * every way an activation fails (schema 2; schema 1 knew units only, {@code ActivationFailedV1ToV2}
 * carries it forward):
 *
 * <ul>
 *   <li>{@link #UNITS}: the files were switched (a {@link GenerationActivated} precedes this) but
 *       the listed units failed to start or reload;
 *   <li>{@link #STEP}: a step of the plan failed (an I/O error, a disk full while backing up);
 *   <li>{@link #INTERRUPTED}: the process died during the activation (a crash, SIGKILL, power
 *       loss); the next command that changes the state found its journal
 *       ({@code <state>/journal/}) and put the home right before doing anything else.
 * </ul>
 *
 * @param number the generation that was being activated
 * @param failedUnits the units that are not up, e.g. {@code "bad.service"} ({@code "(user) x.service"} for a user's)
 * @param rolledBackTo the generation active afterwards when it is not {@code number}; 0 when
 *     {@code number} stayed (or became) active, or when no generation was active before
 * @param cause {@link #UNITS}, {@link #STEP} or {@link #INTERRUPTED}
 * @param outcome {@link #LEFT_ACTIVE} (the new generation is active, something of it is not up),
 *     {@link #ROLLED_BACK} (the home and root are the previous generation's again) or
 *     {@link #ROLLED_FORWARD} (an interrupted activation was finished: the new generation is
 *     active with every step run)
 * @param step the plan step that failed, or the last one done before the crash; empty when none
 * @param stepsDone how many plan steps had been carried out; -1 when not known (schema 1)
 * @param error what went wrong, one line; empty for {@link #UNITS}
 */
@Revision("2")
public record ActivationFailed(String profile, int number, List<String> failedUnits, int rolledBackTo, String cause,
    String outcome, String step, int stepsDone, String error) implements StatectlEvent {
  public static final String UNITS = "UNITS";
  public static final String STEP = "STEP";
  public static final String INTERRUPTED = "INTERRUPTED";
  public static final String LEFT_ACTIVE = "LEFT_ACTIVE";
  public static final String ROLLED_BACK = "ROLLED_BACK";
  public static final String ROLLED_FORWARD = "ROLLED_FORWARD";

  public ActivationFailed {
    Objects.requireNonNull(profile, "profile");
    failedUnits = List.copyOf(failedUnits);
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(outcome, "outcome");
    step = step == null ? "" : step;
    error = error == null ? "" : error;
    if (number < 1 || rolledBackTo < 0 || stepsDone < -1) {
      throw new IllegalArgumentException("bad activation numbers " + number + " / " + rolledBackTo + " / " + stepsDone);
    }
    if (!List.of(UNITS, STEP, INTERRUPTED).contains(cause)
        || !List.of(LEFT_ACTIVE, ROLLED_BACK, ROLLED_FORWARD).contains(outcome)) {
      throw new IllegalArgumentException("bad activation failure " + cause + " / " + outcome);
    }
  }

  /** Units failed to come up after the switch (schema 1's only case). */
  public static ActivationFailed units(String profile, int number, List<String> failedUnits, int rolledBackTo) {
    return new ActivationFailed(profile, number, failedUnits, rolledBackTo, UNITS,
        rolledBackTo > 0 ? ROLLED_BACK : LEFT_ACTIVE, "", -1, "");
  }
}
