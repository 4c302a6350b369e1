package io.drstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading one availability zone of a region, by name or by zone ID. */
class AvailabilityZoneTest {

  @ParameterizedTest
  @CsvSource({
    "us-east-1, use1",
    "us-east-2, use2",
    "us-west-1, usw1",
    "ap-southeast-2, apse2",
    "ap-northeast-1, apne1",
    "ap-south-1, aps1",
    "eu-central-1, euc1",
    "eu-west-1, euw1",
    "ca-central-1, cac1",
    "sa-east-1, sae1"
  })
  void zoneIdPrefixAbbreviatesTheRegion(String region, String prefix) {
    assertEquals(prefix, AvailabilityZone.idPrefix(region));
  }

  @Test
  void aZoneNameOfTheRegionIsAName() {
    assertEquals(
        Optional.of(new AvailabilityZone.Name("us-east-1a")),
        AvailabilityZone.parse("us-east-1", "us-east-1a"));
    assertEquals("availability_zone", new AvailabilityZone.Name("us-east-1a").terraformArgument());
  }

  @Test
  void aZoneIdOfTheRegionIsAnId() {
    assertEquals(
        Optional.of(new AvailabilityZone.Id("apne1-az4")),
        AvailabilityZone.parse("ap-northeast-1", "apne1-az4"));
    assertEquals("availability_zone_id", new AvailabilityZone.Id("use1-az1").terraformArgument());
  }

  @ParameterizedTest
  @CsvSource({
    "us-east-1, us-east-2a",
    "us-east-1, use2-az1",
    "us-east-1, us-east-1",
    "us-east-1, us-east-1A",
    "us-east-1, us-east-1ab",
    "us-east-1, use1-az",
    "us-east-1, use1-az123",
    "us-east-1, usw1-az1",
    "eu-central-1, euw1-az1"
  })
  void anythingElseIsNotAZoneOfTheRegion(String region, String text) {
    assertEquals(Optional.empty(), AvailabilityZone.parse(region, text));
  }
}
