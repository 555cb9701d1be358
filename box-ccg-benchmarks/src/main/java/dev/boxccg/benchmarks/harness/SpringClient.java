package dev.boxccg.benchmarks.harness;

import dev.boxccg.benchmarks.support.BoxFixture;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.web.client.RequestAttributeClientRegistrationIdResolver;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import java.util.List;

/**
 * Spring Security's OAuth 2.0 client (spring-security-oauth2-client 7.1, no Spring Boot) pointed at a
 * {@link BoxFixture}'s simulator, wired as its reference documentation shows for a client-credentials client outside
 * a web request:
 * <ul>
 *   <li>a {@code ClientRegistration} with {@code AuthorizationGrantType.CLIENT_CREDENTIALS}, the simulator's token URL
 *       and {@code CLIENT_SECRET_POST} (Box reads {@code client_id} and {@code client_secret} from the form);</li>
 *   <li>{@code InMemoryClientRegistrationRepository}, {@code InMemoryOAuth2AuthorizedClientService} and
 *       {@code AuthorizedClientServiceOAuth2AuthorizedClientManager} with
 *       {@code OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials(..)}: its default clock skew of 60 s,
 *       so a token counts as expired 60 s before its end;</li>
 *   <li>Box's {@code box_subject_type} and {@code box_subject_id} added to the token request by
 *       {@code RestClientClientCredentialsTokenResponseClient.addParametersConverter}, Spring's hook for extra
 *       parameters;</li>
 *   <li>API calls through a {@code RestClient} carrying {@code OAuth2ClientHttpRequestInterceptor}, with the
 *       authorization failure handler the documentation recommends
 *       ({@code OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClientService)}): on a 401 it
 *       removes the stored token, so the next call fetches a new one. The failed call itself is not retried.</li>
 * </ul>
 * Nothing in the manager serializes token requests: every thread that finds no valid token requests one.
 */
final class SpringClient implements TokenClient {

    static final String REGISTRATION_ID = "box";
    /** The application itself: CCG has no user; one principal for {@code authorize} and the interceptor alike. */
    private static final Authentication SERVICE =
            UsernamePasswordAuthenticationToken.authenticated("box-ccg-bench", null, List.of());

    private final InMemoryOAuth2AuthorizedClientService authorizedClients;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;
    private final RestClient api;

    SpringClient(BoxFixture box) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientId(box.clientId())
                .clientSecret(BoxFixture.SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(box.simulator().tokenUrl().toString())
                .build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        authorizedClients = new InMemoryOAuth2AuthorizedClientService(registrations);

        RestClientClientCredentialsTokenResponseClient tokenResponseClient =
                new RestClientClientCredentialsTokenResponseClient();
        String enterpriseId = box.enterpriseId();
        tokenResponseClient.addParametersConverter(grantRequest -> {
            MultiValueMap<String, String> boxSubject = new LinkedMultiValueMap<>();
            boxSubject.add("box_subject_type", "enterprise");
            boxSubject.add("box_subject_id", enterpriseId);
            return boxSubject;
        });
        manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(clientCredentials -> clientCredentials.accessTokenResponseClient(tokenResponseClient))
                .build());

        OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setAuthorizationFailureHandler(
                OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
        interceptor.setPrincipalResolver(request -> SERVICE);
        api = RestClient.builder()
                .baseUrl(box.simulator().baseUrl().toString())
                .requestInterceptor(interceptor)
                .build();
    }

    /** What the interceptor does before each call: {@code manager.authorize(..)}, fetching a token if none is valid. */
    @Override
    public String token() {
        OAuth2AuthorizedClient client = manager.authorize(OAuth2AuthorizeRequest
                .withClientRegistrationId(REGISTRATION_ID)
                .principal(SERVICE)
                .build());
        if (client == null) {
            throw new IllegalStateException("Spring's manager authorized nothing");
        }
        return client.getAccessToken().getTokenValue();
    }

    /** What the interceptor's failure handler does on a 401: forget the token. The call is not retried. */
    @Override
    public String afterUnauthorized(String rejected) {
        authorizedClients.removeAuthorizedClient(REGISTRATION_ID, SERVICE.getName());
        return null;
    }

    /**
     * {@code GET /2.0/users/me} through the {@code RestClient} and its interceptor (not the harness's own check).
     *
     * @return true if Box answered 2xx, false if it answered 401 (the interceptor has then run its failure handler)
     */
    @Override
    public boolean call(ApiCheck unused) {
        try {
            api.get()
                    .uri("/2.0/users/me")
                    .attributes(RequestAttributeClientRegistrationIdResolver.clientRegistrationId(REGISTRATION_ID))
                    .retrieve()
                    .toBodilessEntity();
            return true;
        } catch (HttpClientErrorException.Unauthorized e) {
            return false;
        }
    }

    @Override
    public void close() {
    }
}
