package dev.boxccg.testkit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTextTest {

    @Test
    void writesMembersInOrder() {
        assertEquals("{\"s\":\"x\",\"n\":-3,\"null\":null,\"raw\":[1,{}]}", JsonText.object()
                .put("s", "x").put("n", -3).put("null", (String) null).putRaw("raw", JsonText.array(List.of("1", "{}")))
                .toString());
        assertEquals("{}", JsonText.object().toString());
    }

    @Test
    void escapesWhatJsonRequires() {
        String nasty = "quote\" backslash\\ newline\n tab\t nul\u0000 bell\u0007 separator\u2028 é";

        String json = JsonText.object().put("v", nasty).toString();

        assertTrue(json.contains("\\\"") && json.contains("\\\\") && json.contains("\\u0000"), json);
        try (var reader = Json.createReader(new StringReader(json))) {
            JsonObject parsed = reader.readObject();
            assertEquals(nasty, parsed.getString("v"));
        }
    }
}
