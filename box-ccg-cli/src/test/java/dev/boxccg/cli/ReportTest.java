package dev.boxccg.cli;

import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxSubject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReportTest {

    private static final Instant ISSUED = Instant.parse("2026-11-22T12:05:00.250Z");

    @Test
    void lifetimeInMinutesAndTheExpiryToTheSecond() {
        assertEquals("60 min, expires 2026-11-22T13:05:00Z", Report.lifetime(token(Duration.ofSeconds(3600), List.of())));
        assertEquals("69 min 35 s, expires 2026-11-22T13:14:35Z",
                Report.lifetime(token(Duration.ofSeconds(4175), List.of())));
        assertEquals("45 s", Report.minutes(Duration.ofSeconds(45)));
    }

    @Test
    void restrictionsAreNoneOrListed() {
        assertEquals("none", Report.restrictions(token(Duration.ofHours(1), List.of())));
        assertEquals("item_preview on file 123, base_explorer", Report.restrictions(token(Duration.ofHours(1), List.of(
                new BoxAccessToken.Restriction("item_preview", "file", "123"),
                new BoxAccessToken.Restriction("base_explorer", null, null)))));
    }

    @Test
    void subjects() {
        assertEquals("enterprise 1 (the enterprise's service account)", Report.subject(BoxSubject.enterprise("1")));
        assertEquals("user 2", Report.subject(BoxSubject.user("2")));
    }

    private static BoxAccessToken token(Duration lifetime, List<BoxAccessToken.Restriction> restrictions) {
        return new BoxAccessToken("t", "bearer", ISSUED, ISSUED.plus(lifetime), BoxSubject.enterprise("1"), restrictions);
    }
}
