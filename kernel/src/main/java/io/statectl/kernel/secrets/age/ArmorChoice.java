package io.statectl.kernel.secrets.age;

/** Whether an encrypted file is written binary or ASCII-armored. */
public enum ArmorChoice {
  BINARY,
  ARMORED
}
