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

    /**
     * A managed user of the default configuration's enterprise ({@link #ENTERPRISE_ID}), whom the As-User scenarios
     * act as: with the service account's token and {@code As-User} (the default configuration, {@code as-user-mode}
     * {@code header}), or with a token for the user (the named configuration {@code asuser}).
     */
    public static final String AS_USER_ID = "880012";
    public static final String AS_USER_NAME = "Ada Lovelace";
    public static final String AS_USER_LOGIN = "ada.lovelace@box-ccg-it.example";

    /**
     * The named configuration {@code asuser} ({@code box.ccg.asuser.*}): the default configuration's app and
     * enterprise, its client secret in the WAR like the default one, and {@code as-user-mode=user-token}.
     */
    public static final String AS_USER_CONFIGURATION = "asuser";

    /**
     * The named configuration {@code customers} ({@code box.ccg.customers.tenants=true}): serves three tenants, each in
     * an app and enterprise of its own, whose credentials the application's {@code ItTenantCredentials} bean
     * resolves (as a vendor's database would).
     */
    public static final String TENANTS_CONFIGURATION = "customers";
    public static final String TENANT_ACME = "acme";
    public static final String ACME_CLIENT_ID = "box-ccg-it-acme-client";
    public static final String ACME_CLIENT_SECRET = "box-ccg-it-acme-secret-3e8b1f0a6c52";
    public static final String ACME_ENTERPRISE_ID = "880041";
    public static final String TENANT_GLOBEX = "globex";
    public static final String GLOBEX_CLIENT_ID = "box-ccg-it-globex-client";
    public static final String GLOBEX_CLIENT_SECRET = "box-ccg-it-globex-secret-9d4c2a7b1e60";
    public static final String GLOBEX_ENTERPRISE_ID = "880051";
    /** A third tenant, whose app the admin did not authorize: Box refuses it ({@code invalid_grant}). */
    public static final String TENANT_INITECH = "initech";
    public static final String INITECH_CLIENT_ID = "box-ccg-it-initech-client";
    public static final String INITECH_CLIENT_SECRET = "box-ccg-it-initech-secret-5b07e9c3d1a4";
    public static final String INITECH_ENTERPRISE_ID = "880061";

    /** How the server process gets the {@code hr} secret: MicroProfile Config's standard names for the key. */
    public static final String HR_SECRET_ENVIRONMENT_VARIABLE = "BOX_CCG_HR_CLIENT_SECRET";
    public static final String HR_SECRET_SYSTEM_PROPERTY = "box.ccg.hr.client-secret";

    private ItCredentials() {
    }
}
