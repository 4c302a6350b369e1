package io.drstack.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drstack.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigurationReferenceTest {

  @ParameterizedTest
  @EnumSource(Setting.Area.class)
  void committedTableIsCurrent(Setting.Area area) throws IOException {
    String document = Files.readString(ConfigurationReference.DOCUMENT, StandardCharsets.UTF_8);
    assertEquals(
        ConfigurationReference.text(area),
        ConfigurationReference.section(area).current(document),
        ConfigurationReference.DOCUMENT
            + " shows an outdated table of "
            + area.title()
            + " settings; regenerate the tables with: "
            + ConfigurationReference.COMMAND);
  }

  @ParameterizedTest
  @EnumSource(Setting.Area.class)
  void everyAreaHasSettings(Setting.Area area) {
    assertTrue(Setting.all().stream().anyMatch(setting -> setting.area() == area), area::name);
  }

  static List<Setting<?>> settings() {
    return Setting.all();
  }

  /** Each text is one table cell: a line break or a cell separator would break the table. */
  @ParameterizedTest
  @MethodSource("settings")
  void everySettingFillsItsRowWithOneLineCells(Setting<?> setting) {
    for (String cell :
        new String[] {setting.documentedDefault(), setting.allowed(), setting.effect()}) {
      assertFalse(cell.isBlank(), setting::toString);
      assertFalse(cell.contains("\n") || cell.contains(" | "), () -> setting + ": " + cell);
    }
  }
}
