package dev.boxccg.benchmarks.harness;

import com.box.sdk.BoxCCGAPIConnection;
import com.box.sdkgen.box.ccgauth.BoxCCGAuth;
import com.box.sdkgen.box.ccgauth.CCGConfig;
import com.box.sdkgen.client.BoxClient;
import com.box.sdkgen.networking.baseurls.BaseUrls;
import com.box.sdkgen.networking.boxnetworkclient.BoxNetworkClient;
import com.box.sdkgen.networking.network.NetworkSession;
import dev.boxccg.BoxAccessToken;
import dev.boxccg.BoxTokenProvider;
import dev.boxccg.benchmarks.support.BoxFixture;
import dev.boxccg.core.BoxCcgEngine;

import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.List;

/**
 * The libraries compared, each pointed at a {@link BoxFixture}'s simulator.
 *
 * <ul>
 *   <li>{@link #BOX_CCG}: box-ccg's engine, {@code BoxTokenProvider.token()}.</li>
 *   <li>{@link #BOX_SDK_GEN}: Box's generated SDK (com.box:box-java-sdk 5.6.0, {@code com.box.sdkgen}):
 *       {@code BoxCCGAuth} with a {@code NetworkSession} whose {@code BaseUrls} point at the simulator (its token
 *       request goes to {@code baseUrl + "/oauth2/token"}). {@code retrieveToken()} returns the stored token without
 *       looking at its expiry; the SDK renews only when an API call is answered 401 ({@code BoxRetryStrategy} then
 *       calls {@code refreshToken()} and retries).</li>
 *   <li>{@link #BOX_SDK_CLASSIC}: the same artifact's classic {@code com.box.sdk.BoxCCGAPIConnection}, with
 *       {@code setBaseURL} pointing at a TLS front of the simulator (its token URL is {@code baseURL + "oauth2/token"}).
 *       {@code getAccessToken()} renews in the calling thread, under a write lock, once the token is within 60 s
 *       (a constant) of its end; it does not renew on 401.</li>
 * </ul>
 */
enum Library {

    BOX_CCG("box-ccg") {
        @Override
        TokenClient connect(BoxFixture box, Duration refreshAhead) {
            BoxCcgEngine engine = BoxCcgEngine.builder(box.settings(refreshAhead)).build();
            BoxTokenProvider provider = engine.provider(box.subject());
            return new TokenClient() {
                @Override
                public String token() {
                    return provider.token().value();
                }

                @Override
                public String afterUnauthorized(String rejected) {
                    BoxAccessToken current = provider.token(); // what its filter does: drop it if still current
                    if (current.value().equals(rejected)) {
                        provider.invalidate(current);
                    }
                    return provider.token().value();
                }

                @Override
                public void close() {
                    engine.close();
                }
            };
        }
    },

    BOX_SDK_GEN("Box SDK gen (BoxCCGAuth)") {
        @Override
        TokenClient connect(BoxFixture box, Duration refreshAhead) {
            SdkGen sdk = new SdkGen(box);
            return new TokenClient() {
                @Override
                public String token() {
                    return sdk.auth.retrieveToken(sdk.session).getAccessToken();
                }

                @Override
                public String afterUnauthorized(String rejected) {
                    return sdk.auth.refreshToken(sdk.session).getAccessToken(); // what BoxRetryStrategy does on 401
                }

                @Override
                public void close() {
                }
            };
        }
    },

    BOX_SDK_CLASSIC("Box SDK classic (BoxCCGAPIConnection)") {
        @Override
        TokenClient connect(BoxFixture box, Duration refreshAhead) {
            Classic classic = new Classic(box);
            BoxCCGAPIConnection api = classic.api;
            return new TokenClient() {
                @Override
                public String token() {
                    return api.getAccessToken();
                }

                @Override
                public String afterUnauthorized(String rejected) {
                    return null; // a 401 fails the call (BoxAPIResponseException); nothing is renewed
                }

                @Override
                public void close() {
                    classic.close();
                }
            };
        }
    },

    /** Spring Security's OAuth 2.0 client, no Spring Boot: see {@link SpringClient}. */
    SPRING_SECURITY("Spring Security (spring-security-oauth2-client 7.1.2)") {
        @Override
        TokenClient connect(BoxFixture box, Duration refreshAhead) {
            return new SpringClient(box);
        }
    },

    /**
     * Quarkus' oidc-client in its own application, renewing in a caller's request (see {@link QuarkusPeer}). Its
     * {@code connect} takes {@code refreshAhead} as {@code refresh-token-time-skew}.
     */
    QUARKUS_OIDC_CLIENT("Quarkus oidc-client (injected Tokens, refresh-token-time-skew)") {
        @Override
        TokenClient connect(BoxFixture box, Duration refreshAhead) {
            return quarkus(box, new QuarkusPeer.Configuration(label(), refreshAhead, null));
        }
    },

    /** The same, with {@code refresh-interval}: a periodic background check renews a token that is due. */
    QUARKUS_OIDC_CLIENT_REFRESH_INTERVAL("Quarkus oidc-client refresh-interval (background check every 1 s)") {
        @Override
        TokenClient connect(BoxFixture box, Duration refreshAhead) {
            return quarkus(box, new QuarkusPeer.Configuration(label(), refreshAhead, Duration.ofSeconds(1)));
        }
    };

    private final String label;

    Library(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /**
     * @param refreshAhead box-ccg's refresh-ahead setting; the SDKs have no such setting
     */
    abstract TokenClient connect(BoxFixture box, Duration refreshAhead);

    /** @return whether this library can be run here (the Quarkus peer only once its application has been built) */
    boolean available() {
        return !label.startsWith("Quarkus") || QuarkusPeer.application().isPresent();
    }

    /**
     * The Quarkus peer over loopback: {@code token()} is its {@code /token}; a 401 makes no difference to that token
     * (the injected {@code Tokens} do not look at API answers), and a call is its {@code /call}, where the OIDC
     * client filter's own 401 handling applies.
     */
    private static TokenClient quarkus(BoxFixture box, QuarkusPeer.Configuration configuration) {
        QuarkusPeer peer = QuarkusPeer.start(box, configuration);
        return new TokenClient() {
            @Override
            public String token() {
                return peer.token();
            }

            @Override
            public String afterUnauthorized(String rejected) {
                return null;
            }

            @Override
            public boolean call(ApiCheck api) {
                return peer.call();
            }

            @Override
            public void close() {
                peer.close();
            }
        };
    }

    /**
     * The classic SDK pointed at the simulator through a {@link TlsFront}: it speaks TLS only. Its own
     * {@code configureSslCertificatesValidation} makes it trust the front's certificate.
     */
    static final class Classic implements AutoCloseable {
        final TlsFront front;
        final BoxCCGAPIConnection api;

        Classic(BoxFixture box) {
            front = new TlsFront(box.simulator().baseUrl());
            api = BoxCCGAPIConnection.applicationServiceAccountConnection(box.clientId(), BoxFixture.SECRET,
                    box.enterpriseId());
            api.setBaseURL(front.baseUrl() + "/");
            api.configureSslCertificatesValidation(front.trustManager(), (host, session) -> "127.0.0.1".equals(host));
        }

        @Override
        public void close() {
            front.close();
        }
    }

    /**
     * The generated SDK pointed at the simulator: its auth, network session and API client. Its default OkHttp client
     * allows TLS only; the session gets the SDK's own default client builder with cleartext allowed instead, through
     * the SDK's public {@code NetworkSession.withNetworkClient(new BoxNetworkClient(OkHttpClient))}.
     */
    static final class SdkGen {
        final NetworkSession session;
        final BoxCCGAuth auth;
        final BoxClient client;

        SdkGen(BoxFixture box) {
            OkHttpClient cleartext = BoxNetworkClient.getDefaultOkHttpClientBuilder()
                    .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                    .build();
            session = new NetworkSession()
                    .withNetworkClient(new BoxNetworkClient(cleartext))
                    .withCustomBaseUrls(new BaseUrls.Builder()
                            .baseUrl(box.simulator().baseUrl().toString())
                            .build());
            auth = new BoxCCGAuth(new CCGConfig.Builder(box.clientId(), BoxFixture.SECRET)
                    .enterpriseId(box.enterpriseId())
                    .build());
            client = new BoxClient.Builder(auth).networkSession(session).build();
        }
    }
}
