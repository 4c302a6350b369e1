package io.drstack.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** The local AWS emulator the tests may point the providers at instead of AWS. */
final class EmulatorRules {
  private EmulatorRules() {}

  private static final Pattern LOOPBACK_URL =
      Pattern.compile(
          "http://(127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}"
              + "|localhost|\\[::1\\]):(\\d{1,5})");

  /** Only loopback: the emulator mode must never send dummy credentials anywhere else. */
  static Optional<String> endpoint(SettingSource settings) {
    return settings.optionalText(
        Setting.EMULATOR_ENDPOINT,
        EmulatorRules::isLoopbackUrl,
        "an http URL on this machine's loopback interface, such as"
            + " http://127.0.0.1:5000, or empty for real AWS");
  }

  private static boolean isLoopbackUrl(String url) {
    var matcher = LOOPBACK_URL.matcher(url);
    return matcher.matches() && Integer.parseInt(matcher.group(5)) <= 65_535;
  }
}
