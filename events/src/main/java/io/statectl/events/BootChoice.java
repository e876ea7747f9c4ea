package io.statectl.events;

/** How long a boot choice holds: every boot ({@code boot --default}) or the next one ({@code boot --once}). */
public enum BootChoice {
  DEFAULT,
  ONCE
}
