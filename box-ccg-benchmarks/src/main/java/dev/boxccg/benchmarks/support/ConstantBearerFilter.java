package dev.boxccg.benchmarks.support;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The baseline: the least a filter can do to authenticate a request, adding one constant
 * {@code Authorization} header.
 */
@Priority(Priorities.AUTHENTICATION)
public final class ConstantBearerFilter implements ClientRequestFilter {

    /** A bearer header as long as a Box one ({@code "Bearer "} and 32 characters). */
    public static final String HEADER = "Bearer 0123456789abcdefghijklmnopqrstuv";

    private final String header;

    /** For {@code @RegisterProvider}: sends {@link #HEADER}. */
    public ConstantBearerFilter() {
        this(HEADER);
    }

    public ConstantBearerFilter(String header) {
        this.header = header;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, header);
    }
}
