package io.drstack.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drstack.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
    assertTrue(Stream.of(Setting.values()).anyMatch(setting -> setting.area() == area), area::name);
  }

  /** Each text is one table cell: a line break or a cell separator would break the table. */
  @ParameterizedTest
  @EnumSource(Setting.class)
  void everySettingFillsItsRowWithOneLineCells(Setting setting) {
    for (String cell :
        new String[] {setting.documentedDefault(), setting.allowed(), setting.effect()}) {
      assertFalse(cell.isBlank(), setting::name);
      assertFalse(cell.contains("\n") || cell.contains(" | "), () -> setting + ": " + cell);
    }
  }

  /** A default the code takes as it is is shown as it is. */
  @ParameterizedTest
  @EnumSource(Setting.class)
  void aPlainDefaultIsShownAsTheCodeTakesIt(Setting setting) {
    String value = setting.defaultValue();
    if (value != null && !value.isEmpty()) {
      assertEquals("`" + value + "`", setting.documentedDefault(), setting::name);
    }
  }
}
