package dev.boxccg.cli;

import dev.boxccg.BoxAuthenticated;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestClientInterfacesTest {

    @Test
    void definesTheInterfaceAServerApplicationWouldDeclareForTheConfiguration() {
        Class<? extends BoxUsersApi> hr = RestClientInterfaces.forConfiguration("hr");

        assertTrue(hr.isInterface());
        assertTrue(Modifier.isPublic(hr.getModifiers()));
        assertArrayEquals(new Class<?>[] {BoxUsersApi.class}, hr.getInterfaces());
        assertEquals(BoxUsersApi.class.getPackage(), hr.getPackage());
        assertEquals("hr", hr.getAnnotation(BoxAuthenticated.class).value());
        RegisterRestClient restClient = hr.getAnnotation(RegisterRestClient.class);
        assertEquals("box", restClient.configKey());
        assertEquals("https://api.box.com", restClient.baseUri());
        assertEquals(0, hr.getDeclaredMethods().length, "me() is inherited with its JAX-RS annotations");
    }

    @Test
    void theDefaultConfigurationAndEachCallGetAnInterfaceOfTheirOwn() {
        Class<? extends BoxUsersApi> first = RestClientInterfaces.forConfiguration("");
        Class<? extends BoxUsersApi> second = RestClientInterfaces.forConfiguration("");

        assertEquals("", first.getAnnotation(BoxAuthenticated.class).value());
        assertNotEquals(first, second);
    }

    @Test
    void namesWithDashesAndNonAsciiValuesSurviveTheClassFile() {
        assertEquals("my-app_2", RestClientInterfaces.forConfiguration("my-app_2")
                .getAnnotation(BoxAuthenticated.class).value());
    }
}
