package dev.boxccg.it;

/**
 * The fixed, distinctive test credentials: the simulator registers these apps, the deployment's configuration names
 * them, and the server-log scan searches for the secrets. Fake values: they open nothing but the local simulator.
 */
public final class ItCredentials {

    /** The default configuration ({@code box.ccg.*}): this app's service account. */
    public static final String CLIENT_ID = "box-ccg-it-client";
    public static final String CLIENT_SECRET = "box-ccg-it-secret-7f3a9c2e41d8";
    public static final String ENTERPRISE_ID = "880011";

    /**
     * The named configuration {@code hr} ({@code box.ccg.hr.*}): another app, acting as one of its enterprise's
     * users. Its secret is not in the WAR: the server module hands it to the server process (see
     * {@link ItServer#hrSecretVia()}), from the property {@code box-ccg-it.hr-client-secret} of
     * {@code box-ccg-it/pom.xml}, which must hold this same value.
     */
    public static final String HR_CONFIGURATION = "hr";
    public static final String HR_CLIENT_ID = "box-ccg-it-hr-client";
    public static final String HR_CLIENT_SECRET = "box-ccg-it-hr-secret-5b2d8e0c93f1";
    public static final String HR_ENTERPRISE_ID = "880022";
    public static final String HR_USER_ID = "880023";
    public static final String HR_USER_NAME = "Grace Hopper";
    public static final String HR_USER_LOGIN = "grace.hopper@box-ccg-it.example";

    /** How the server process gets the {@code hr} secret: MicroProfile Config's standard names for the key. */
    public static final String HR_SECRET_ENVIRONMENT_VARIABLE = "BOX_CCG_HR_CLIENT_SECRET";
    public static final String HR_SECRET_SYSTEM_PROPERTY = "box.ccg.hr.client-secret";

    private ItCredentials() {
    }
}
