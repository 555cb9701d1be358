package dev.boxccg.testkit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class FormDataTest {

    @Test
    void urlDecodesNamesAndValuesAsUtf8() {
        FormData form = FormData.parse("a=x+y%20z&b%5F1=%C3%A9%26%3D&c=");

        assertEquals("x y z", form.get("a"));
        assertEquals("é&=", form.get("b_1"));
        assertNull(form.get("c"), "an empty value is no value");
        assertNull(form.get("d"));
    }

    @Test
    void keepsTheFirstOfRepeatedNames() {
        assertEquals("1", FormData.parse("a=1&a=2").get("a"));
    }

    @Test
    void readsNothingFromMalformedText() {
        FormData form = FormData.parse("a=1&b=%ZZ");

        assertNull(form.get("a"));
        assertNull(form.get("b"));
    }

    @Test
    void toleratesEmptyPairsAndNamesWithoutValues() {
        FormData form = FormData.parse("&a&&b=2&");

        assertNull(form.get("a"));
        assertEquals("2", form.get("b"));
    }
}
