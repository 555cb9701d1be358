package dev.boxccg.it;

import dev.boxccg.testkit.BoxSimulator;

/**
 * The Box simulator of the test JVM: started on first use (by the static {@code @Deployment} methods, which need its
 * URL for the WAR's configuration), on a random port of 127.0.0.1, with the two apps of {@link ItCredentials}
 * registered (and the three tenants' apps, initech's not authorized by its admin), each with a user ({@link ItCredentials#AS_USER_ID} in the default app's enterprise); the default app
 * starts without "Perform Actions as Users", as in Box, and the As-User scenarios turn it on for themselves; stopped when the test JVM exits. The server reaches it over real HTTP.
 */
public final class ItSimulator {

    private static BoxSimulator simulator;
    private static BoxSimulator.App app;
    private static BoxSimulator.App hrApp;
    private static BoxSimulator.App acmeApp;
    private static BoxSimulator.App globexApp;

    private ItSimulator() {
    }

    public static synchronized BoxSimulator get() {
        if (simulator == null) {
            BoxSimulator started = BoxSimulator.start();
            app = started.registerApp(ItCredentials.CLIENT_ID, ItCredentials.CLIENT_SECRET, ItCredentials.ENTERPRISE_ID)
                    .addUser(ItCredentials.AS_USER_ID, ItCredentials.AS_USER_NAME, ItCredentials.AS_USER_LOGIN);
            hrApp = started.registerApp(ItCredentials.HR_CLIENT_ID, ItCredentials.HR_CLIENT_SECRET,
                            ItCredentials.HR_ENTERPRISE_ID)
                    .addUser(ItCredentials.HR_USER_ID, ItCredentials.HR_USER_NAME, ItCredentials.HR_USER_LOGIN);
            acmeApp = started.registerApp(ItCredentials.ACME_CLIENT_ID, ItCredentials.ACME_CLIENT_SECRET,
                    ItCredentials.ACME_ENTERPRISE_ID);
            globexApp = started.registerApp(ItCredentials.GLOBEX_CLIENT_ID, ItCredentials.GLOBEX_CLIENT_SECRET,
                    ItCredentials.GLOBEX_ENTERPRISE_ID);
            started.registerApp(ItCredentials.INITECH_CLIENT_ID, ItCredentials.INITECH_CLIENT_SECRET,
                    ItCredentials.INITECH_ENTERPRISE_ID).authorizedByAdmin(false); // a tenant Box refuses
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "box-simulator-stop"));
            simulator = started;
        }
        return simulator;
    }

    /** @return the default configuration's app, whose service account its tokens act as */
    public static synchronized BoxSimulator.App app() {
        get();
        return app;
    }

    /** @return the app of tenant {@link ItCredentials#TENANT_ACME} */
    public static synchronized BoxSimulator.App acmeApp() {
        get();
        return acmeApp;
    }

    /** @return the app of tenant {@link ItCredentials#TENANT_GLOBEX} */
    public static synchronized BoxSimulator.App globexApp() {
        get();
        return globexApp;
    }

    /** @return the {@code hr} configuration's app */
    public static synchronized BoxSimulator.App hrApp() {
        get();
        return hrApp;
    }
}
