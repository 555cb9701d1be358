package dev.boxccg.core;

import dev.boxccg.BoxSubject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What is asked of Box's token endpoint, apart from the app's credentials: part of a {@link TokenKey}, so two
 * requests that make Box issue different tokens never share one. Today the Client Credentials Grant for a subject;
 * token exchange (downscoping) is the next kind.
 */
public sealed interface TokenRequest permits TokenRequest.ClientCredentials {

    /** @return whom the issued token acts as */
    BoxSubject subject();

    /**
     * @return the form fields of the request, in order, credentials included; passed only to the token endpoint
     */
    Map<String, String> form(String clientId, String clientSecret);

    /** Box's Client Credentials Grant: {@code grant_type=client_credentials} for one subject. */
    static ClientCredentials clientCredentials(BoxSubject subject) {
        return new ClientCredentials(subject);
    }

    /** @param subject the enterprise's service account, or one user */
    record ClientCredentials(BoxSubject subject) implements TokenRequest {

        public ClientCredentials {
            Objects.requireNonNull(subject, "subject");
        }

        @Override
        public Map<String, String> form(String clientId, String clientSecret) {
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
}
