package dev.boxccg.core;

import dev.boxccg.BoxDownscope;
import dev.boxccg.BoxSubject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What is asked of Box's token endpoint, apart from the app's credentials: part of a {@link TokenKey}, so two
 * requests that make Box issue different tokens never share one. Two kinds: the Client Credentials Grant for a
 * subject, and the token exchange (downscoping) of another request's token.
 *
 * <p>A request never holds a token's value (keys show up in statuses, logs and {@code toString()}): an exchange names
 * its parent request, and the parent's current token is handed to {@link #form} when the request is sent.
 */
public sealed interface TokenRequest permits TokenRequest.ClientCredentials, TokenRequest.TokenExchange {

    /** @return whom the issued token acts as */
    BoxSubject subject();

    /**
     * @param clientId     the app's client ID
     * @param clientSecret the app's secret; sent only by the kinds whose grant needs it
     * @param subjectToken for a {@link TokenExchange}, the value of its parent's current token; null otherwise
     * @return the form fields of the request, in order; passed only to the token endpoint
     */
    Map<String, String> form(String clientId, String clientSecret, String subjectToken);

    /** Box's Client Credentials Grant: {@code grant_type=client_credentials} for one subject. */
    static ClientCredentials clientCredentials(BoxSubject subject) {
        return new ClientCredentials(subject);
    }

    /** Box's token exchange: {@code parent}'s token narrowed to {@code downscope}. */
    static TokenExchange tokenExchange(TokenRequest parent, BoxDownscope downscope) {
        return new TokenExchange(parent, downscope);
    }

    /** @param subject the enterprise's service account, or one user */
    record ClientCredentials(BoxSubject subject) implements TokenRequest {

        public ClientCredentials {
            Objects.requireNonNull(subject, "subject");
        }

        @Override
        public Map<String, String> form(String clientId, String clientSecret, String subjectToken) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "client_credentials");
            form.put("client_id", clientId);
            form.put("client_secret", clientSecret);
            form.put("box_subject_type", subject.type().wireValue());
            form.put("box_subject_id", subject.id());
            return form;
        }

        @Override
        public String toString() {
            return subject.toString();
        }
    }

    /**
     * Downscoping: {@code grant_type=urn:ietf:params:oauth:grant-type:token-exchange} with the parent's token as
     * {@code subject_token}. Box's OpenAPI names {@code client_id} and {@code client_secret} for the other grants
     * only: the exchange is authorized by the subject token, so neither is sent.
     *
     * @param parent    the request whose token is narrowed (the key's app is the same)
     * @param downscope the scopes, and the item or shared link
     */
    record TokenExchange(TokenRequest parent, BoxDownscope downscope) implements TokenRequest {

        public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
        public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

        public TokenExchange {
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(downscope, "downscope");
        }

        @Override
        public BoxSubject subject() {
            return parent.subject();
        }

        @Override
        public Map<String, String> form(String clientId, String clientSecret, String subjectToken) {
            Objects.requireNonNull(subjectToken, "a token exchange needs its parent's token");
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", GRANT_TYPE);
            form.put("subject_token", subjectToken);
            form.put("subject_token_type", ACCESS_TOKEN_TYPE);
            form.put("scope", downscope.scope());
            downscope.resource().ifPresent(resource -> form.put("resource", resource));
            downscope.sharedLink().ifPresent(link -> form.put("box_shared_link", link));
            return form;
        }

        /** Never the parent's token, never a shared link. */
        @Override
        public String toString() {
            return parent + " downscoped to " + downscope;
        }
    }
}
