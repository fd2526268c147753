package io.alloycompanion.core.cloud;

/** Why a connection test failed, each with its own next step; {@link #NONE} when it passed. */
public enum Problem {
    NONE,
    /** The profile has no URL or no username for this signal. */
    NOT_CONFIGURED,
    /** No token stored for the profile. */
    NO_TOKEN,
    /** The URL cannot be parsed or is not http(s). */
    INVALID_URL,
    /** The host name does not resolve. */
    DNS,
    /** Nothing listens on that host and port. */
    REFUSED,
    /** No answer within the time limit. */
    TIMEOUT,
    /** The server's certificate could not be verified (often a company proxy inspecting HTTPS). */
    TLS,
    /** The proxy wants credentials (407). */
    PROXY_AUTH,
    /** 401: bad or revoked token, or the wrong username for this signal. */
    UNAUTHORIZED,
    /** 403: the token lacks the scope this needs. */
    FORBIDDEN,
    /** 404: wrong path. */
    NOT_FOUND,
    /** 400: malformed request or a tenant limit. */
    BAD_REQUEST,
    /** 429: rate limited. */
    RATE_LIMITED,
    /** 5xx: the service has a problem; try again later. */
    SERVER_ERROR,
    /** An answer this probe does not expect, or a network failure with no better name. */
    UNEXPECTED
}
