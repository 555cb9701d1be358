package dev.boxccg.testkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code registerApp} with a client ID that is already registered updates that app. */
class RegisterAppAgainTest extends SimulatorTest {

    @Test
    void returnsTheSameAppSoATestCanChangeItsFlags() throws IOException {
        BoxSimulator.App again = box.registerApp(app.clientId(), TestApps.SECRET, app.enterpriseId())
                .authorizedByAdmin(false);

        assertSame(app, again);
        assertFalse(app.authorizedByAdmin());
        assertEquals(400, http.postToken(BoxHttp.grantForm(app.clientId(), TestApps.SECRET, "enterprise",
                app.enterpriseId())).statusCode());
    }

    @Test
    void replacesTheSecretAndKeepsFlagsUsersAndServiceAccount() throws IOException {
        app.addUser("7001", "Ada Lovelace", "ada@example.com").userSubjectsAllowed(true).ccgEnabled(true);
        BoxSimulator.User serviceAccount = app.serviceAccount();
        app.authorizedByAdmin(false);

        box.registerApp(app.clientId(), "new-secret", app.enterpriseId());

        assertFalse(app.authorizedByAdmin(), "flags are left as they are");
        app.authorizedByAdmin(true);
        assertEquals(serviceAccount, app.serviceAccount());
        assertEquals(400, http.postToken(BoxHttp.grantForm(app.clientId(), TestApps.SECRET, "enterprise",
                app.enterpriseId())).statusCode(), "the old secret no longer works");
        http.token(app.clientId(), "new-secret", "enterprise", app.enterpriseId());
        http.token(app.clientId(), "new-secret", "user", "7001");
    }

    @Test
    void movesTheAppToAnotherEnterprise() throws IOException {
        String oldEnterprise = app.enterpriseId();
        String newEnterprise = oldEnterprise + "0";

        BoxSimulator.App again = box.registerApp(app.clientId(), TestApps.SECRET, newEnterprise);

        assertSame(app, again);
        assertEquals(newEnterprise, app.enterpriseId());
        assertTrue(app.toString().contains("enterpriseId=" + newEnterprise), app::toString);
        assertEquals(400, http.postToken(BoxHttp.grantForm(app.clientId(), TestApps.SECRET, "enterprise",
                oldEnterprise)).statusCode());
        http.token(app.clientId(), TestApps.SECRET, "enterprise", newEnterprise);
    }
}
