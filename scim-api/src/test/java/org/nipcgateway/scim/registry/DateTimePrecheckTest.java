package org.nipcgateway.scim.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The cheap look at a filter value that spares the SDK's date parser (and its exception) never says
 * "no" to a text that parser reads as a date-time, so the indexes still leave date-times to the
 * scan.
 */
class DateTimePrecheckTest {
  private static boolean sdkReadsAsDateTime(String text) {
    try {
      JsonUtils.nodeToDateValue(TextNode.valueOf(text));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Provide
  Arbitrary<String> nearDates() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "2026-01-01T00:00:00Z",
            "-0044-03-15T12:00:00",
            " 2026-12-02T19:33:00.123+01:00 ",
            "12026-01-01T00:00:00Z",
            "02:BE:00:00:13:88",
            "Bench device 5000",
            "2026-01-01",
            "26-01-01T00:00:00Z",
            "");
    return Arbitraries.oneOf(
        pieces, Arbitraries.strings().withChars("0123456789-:TZ.+ aB").ofMaxLength(30));
  }

  @Property(tries = 2000)
  void whatever_the_sdk_reads_as_a_date_time_may_be_one(@ForAll("nearDates") String text) {
    if (sdkReadsAsDateTime(text)) {
      assertThat(FilterCandidates.mayBeDateTime(text)).as(text).isTrue();
    }
  }
}
