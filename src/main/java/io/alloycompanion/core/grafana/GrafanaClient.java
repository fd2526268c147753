package io.alloycompanion.core.grafana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alloycompanion.core.platform.Errors;
import io.alloycompanion.core.secrets.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grafana's HTTP API, the parts the app needs: health, datasources, folders, saving dashboards. Without a token the
 * calls are anonymous (the local stack runs Grafana with anonymous Admin); with one, it is sent as a bearer token
 * (a service account token, {@code glsa_…}). Every failure is a {@link GrafanaException} whose message says what
 * failed, why and what to do, and never holds the token.
 */
public final class GrafanaClient {

    private static final Logger LOG = LoggerFactory.getLogger(GrafanaClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int FOLDER_PAGE = 1000;

    private final HttpClient http;
    private final URI base;
    private final Optional<Secret> token;

    /**
     * @param base  Grafana's address as opened in a browser ({@link #parseUrl})
     * @param token a service account token, or empty for anonymous access; the caller keeps and closes it
     */
    public GrafanaClient(URI base, Optional<Secret> token, ProxySelector proxy) {
        this(HttpClient.newBuilder().proxy(proxy).connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build(), base, token);
    }

    GrafanaClient(HttpClient http, URI base, Optional<Secret> token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /**
     * Grafana's address from what a user typed: http or https, a host, an optional sub-path (Grafana served under
     * {@code /grafana}), no trailing slash, query or fragment.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static URI parseUrl(String text) {
        String trimmed = text.strip();
        URI uri;
        try {
            uri = new URI(trimmed.contains("://") ? trimmed : "http://" + trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("“" + text + "” is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("“" + text + "” is not an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("“" + text + "” has no host (try http://localhost:3000)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    public URI base() {
        return base;
    }

    public boolean hasToken() {
        return token.isPresent();
    }

    /** {@code GET /api/health}; what answers must be Grafana. */
    public GrafanaHealth health() throws GrafanaException, InterruptedException {
        HttpResponse<String> response = send("report its health", get("/api/health"));
        if (response.statusCode() == 404) {
            throw new GrafanaException(GrafanaException.Reason.NOT_GRAFANA, url("/api/health") + " answered 404 Not "
                    + "Found: " + base + " is not Grafana’s address. Give the address you open Grafana at in a browser "
                    + "(for example http://localhost:3000), with its sub-path if Grafana is served under one.");
        }
        JsonNode body = json(response).orElse(null);
        if (body == null || !body.isObject() || !(body.has("database") || body.has("version"))) {
            throw new GrafanaException(GrafanaException.Reason.NOT_GRAFANA, url("/api/health") + " answered HTTP "
                    + response.statusCode() + " with something other than Grafana’s health report: " + base
                    + " is not Grafana’s address. Give the address you open Grafana at in a browser (for example "
                    + "http://localhost:3000), without a dashboard path.");
        }
        if (response.statusCode() != 200 || !"ok".equals(body.path("database").asText("ok"))) {
            throw new GrafanaException(GrafanaException.Reason.FAILED, "Grafana at " + base + " is not healthy (HTTP "
                    + response.statusCode() + ", database " + body.path("database").asText("?") + "). Look at Grafana’s "
                    + "log, and try again once it is up.");
        }
        return new GrafanaHealth(body.path("version").asText("unknown"), body.path("database").asText("ok"));
    }

    /**
     * The datasources, from {@code GET /api/datasources}; when that needs a permission the caller lacks
     * ({@code datasources:read}), from the list every signed-in user gets ({@code GET /api/frontend/settings}), as
     * Grafana's own import page does.
     */
    public List<GrafanaDatasource> datasources() throws GrafanaException, InterruptedException {
        try {
            JsonNode list = expectJson("list the datasources", "datasources:read", send("list the datasources",
                    get("/api/datasources")));
            List<GrafanaDatasource> datasources = new ArrayList<>();
            for (JsonNode entry : list) {
                datasources.add(datasource(entry));
            }
            return datasources;
        } catch (GrafanaException e) {
            if (e.reason() != GrafanaException.Reason.FORBIDDEN) {
                throw e;
            }
            LOG.info("GET /api/datasources was forbidden; reading the datasources from /api/frontend/settings");
            JsonNode settings = expectJson("list the datasources", "datasources:read",
                    send("list the datasources", get("/api/frontend/settings")));
            List<GrafanaDatasource> datasources = new ArrayList<>();
            settings.path("datasources").forEach(entry -> datasources.add(datasource(entry)));
            return datasources;
        }
    }

    private static GrafanaDatasource datasource(JsonNode entry) {
        return new GrafanaDatasource(entry.path("uid").asText(""), entry.path("name").asText(""),
                entry.path("type").asText(""), entry.path("isDefault").asBoolean(false));
    }

    /** The top-level folders ({@code GET /api/folders}). */
    public List<GrafanaFolder> folders() throws GrafanaException, InterruptedException {
        List<GrafanaFolder> folders = new ArrayList<>();
        JsonNode list = expectJson("list the folders", "folders:read",
                send("list the folders", get("/api/folders?limit=" + FOLDER_PAGE)));
        for (JsonNode entry : list) {
            folders.add(new GrafanaFolder(entry.path("uid").asText(""), entry.path("title").asText("")));
        }
        return folders;
    }

    /** {@code POST /api/folders}. */
    public GrafanaFolder createFolder(String title) throws GrafanaException, InterruptedException {
        ObjectNode body = DashboardJson.MAPPER.createObjectNode().put("title", title);
        String what = "create the folder “" + title + "”";
        JsonNode created = expectJson(what, "folders:create", send(what, post("/api/folders", body)));
        return new GrafanaFolder(created.path("uid").asText(""), created.path("title").asText(title));
    }

    /**
     * The folder with this title (exactly, else ignoring case), created when there is none.
     *
     * @return the folder, and whether it was created now
     */
    public FolderLookup findOrCreateFolder(String title) throws GrafanaException, InterruptedException {
        Optional<GrafanaFolder> existing = find(folders(), title);
        if (existing.isPresent()) {
            return new FolderLookup(existing.get(), false);
        }
        try {
            return new FolderLookup(createFolder(title), true);
        } catch (GrafanaException e) {
            // Created meanwhile by someone else (409 Conflict): take theirs.
            Optional<GrafanaFolder> raced = e.reason() == GrafanaException.Reason.FAILED ? find(folders(), title) : Optional.empty();
            if (raced.isPresent()) {
                return new FolderLookup(raced.get(), false);
            }
            throw e;
        }
    }

    /** A folder found or created by {@link #findOrCreateFolder}. */
    public record FolderLookup(GrafanaFolder folder, boolean created) {
    }

    private static Optional<GrafanaFolder> find(List<GrafanaFolder> folders, String title) {
        return folders.stream().filter(folder -> folder.title().equals(title)).findFirst()
                .or(() -> folders.stream().filter(folder -> folder.title().equalsIgnoreCase(title)).findFirst());
    }

    /**
     * The dashboard with this uid ({@code GET /api/dashboards/uid/<uid>}), or empty when Grafana answers 404 with its
     * own "not found" (JSON); a 404 that is not Grafana's says the address is not Grafana's.
     */
    public Optional<GrafanaDashboard> dashboard(String uid) throws GrafanaException, InterruptedException {
        String path = "/api/dashboards/uid/" + java.net.URLEncoder.encode(uid, StandardCharsets.UTF_8);
        String what = "look up the dashboard " + uid;
        HttpResponse<String> response = send(what, get(path));
        if (response.statusCode() == 404) {
            if (json(response).filter(JsonNode::isObject).isPresent()) {
                return Optional.empty();
            }
            throw new GrafanaException(GrafanaException.Reason.NOT_GRAFANA, url(path) + " answered 404 Not Found "
                    + "without Grafana’s answer: " + base + " is not Grafana’s address. Give the address you open "
                    + "Grafana at in a browser.");
        }
        JsonNode body = expectJson(what, "dashboards:read", response);
        JsonNode meta = body.path("meta");
        String folder = meta.path("folderTitle").asText("");
        return Optional.of(new GrafanaDashboard(body.path("dashboard").path("uid").asText(uid),
                body.path("dashboard").path("title").asText(""), folder.isEmpty() ? "General" : folder,
                absolute(meta.path("url").asText(""))));
    }

    /**
     * {@code POST /api/dashboards/db} with overwrite on: the dashboard is created, or replaces the one with its uid.
     *
     * @param dashboard the dashboard model, with {@code id} null
     */
    public SavedDashboard saveDashboard(ObjectNode dashboard, Optional<String> folderUid, String message)
            throws GrafanaException, InterruptedException {
        ObjectNode body = DashboardJson.MAPPER.createObjectNode();
        body.set("dashboard", dashboard);
        body.put("overwrite", true);
        folderUid.ifPresent(uid -> body.put("folderUid", uid));
        body.put("message", message);
        String title = dashboard.path("title").asText("");
        String what = "save the dashboard “" + title + "”";
        HttpResponse<String> response = send(what, post("/api/dashboards/db", body));
        if (response.statusCode() == 412) {
            throw preconditionFailed(title, response);
        }
        if (response.statusCode() == 400) {
            throw new GrafanaException(GrafanaException.Reason.INVALID_DASHBOARD, "Grafana refused the dashboard “" + title
                    + "” as invalid (400 Bad Request" + said(response) + "). Check the file is a dashboard exported from "
                    + "Grafana (Share → Export), not a panel or a library element.");
        }
        JsonNode saved = expectJson(what, "dashboards:write", response);
        return new SavedDashboard(saved.path("uid").asText(dashboard.path("uid").asText("")),
                absolute(saved.path("url").asText("")), saved.path("status").asText("success"), saved.path("version").asInt(0));
    }

    private GrafanaException preconditionFailed(String title, HttpResponse<String> response) {
        String status = json(response).map(body -> body.path("status").asText("")).orElse("");
        String start = "Grafana refused to save the dashboard “" + title + "” (412 " + (status.isEmpty() ? "Precondition Failed" : status);
        String message = switch (status) {
            case "name-exists" -> start + "): another dashboard in the same folder already has this title, and Grafana keeps "
                    + "titles unique within a folder. Rename one of them, delete the other dashboard, or import into "
                    + "another folder.";
            case "version-mismatch" -> start + "): the dashboard in Grafana was changed since this file was exported, and "
                    + "Grafana would not overwrite it. If those changes matter, export it from Grafana first; then delete it "
                    + "there (or give the file another uid) and import again.";
            case "plugin-dashboard" -> start + "): a dashboard with this uid belongs to a plugin, and only the plugin may "
                    + "change it. Give the file another uid and import again.";
            default -> start + said(response) + ").";
        };
        return new GrafanaException(GrafanaException.Reason.PRECONDITION_FAILED, message);
    }

    /** Grafana's {@code url} is a path (with its sub-path, if it has one): made absolute against the address given. */
    private String absolute(String path) {
        if (path.isEmpty() || path.contains("://")) {
            return path;
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        if (!basePath.isEmpty() && path.startsWith(basePath + "/")) {
            return base.getScheme() + "://" + base.getRawAuthority() + path;
        }
        return base + (path.startsWith("/") ? path : "/" + path);
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private HttpRequest.Builder post(String path, JsonNode body) {
        return request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(DashboardJson.compact(body), StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url(path))).timeout(TIMEOUT)
                .header("Accept", "application/json");
        token.ifPresent(secret -> builder.header("Authorization", secret.reveal(chars -> "Bearer " + new String(chars))));
        return builder;
    }

    private String url(String path) {
        return base + path;
    }

    private HttpResponse<String> send(String what, HttpRequest.Builder request) throws GrafanaException, InterruptedException {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            LOG.debug("Grafana {} {} answered {}", built.method(), built.uri().getRawPath(), response.statusCode());
            return response;
        } catch (HttpTimeoutException e) {
            throw new GrafanaException(GrafanaException.Reason.UNREACHABLE, "Grafana at " + base + " did not answer within "
                    + TIMEOUT.toSeconds() + " s when asked to " + what + ". Is it running, and reachable from this machine?", e);
        } catch (SSLException e) {
            throw new GrafanaException(GrafanaException.Reason.UNREACHABLE, "The TLS connection to Grafana at " + base
                    + " failed (" + Errors.rootMessage(e) + "). Check the address: http:// or https://, and the port.", e);
        } catch (IOException e) {
            if (causedBy(e, UnresolvedAddressException.class) || causedBy(e, UnknownHostException.class)) {
                throw new GrafanaException(GrafanaException.Reason.UNREACHABLE, "Cannot connect to Grafana at " + base
                        + ": the host " + base.getHost() + " is unknown. Check the address.", e);
            }
            if (e instanceof ConnectException) {
                throw new GrafanaException(GrafanaException.Reason.UNREACHABLE, "Cannot connect to Grafana at " + base
                        + ": " + describeRefusal(e) + ". Is Grafana running at this address? Check the host and port "
                        + "(the local stack’s Grafana listens on http://localhost:3000).", e);
            }
            throw new GrafanaException(GrafanaException.Reason.UNREACHABLE, "Cannot reach Grafana at " + base + " ("
                    + Errors.rootMessage(e) + ") when asked to " + what + ". Is it running, and reachable from this machine?", e);
        }
    }

    /** The JDK client reports a refused connection as a ConnectException with no message over a ClosedChannelException. */
    private static String describeRefusal(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank() && !message.toLowerCase(Locale.ROOT).contains("refused")) {
                return message;
            }
        }
        return "connection refused";
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The body of a 2xx answer as JSON; any other answer is the matching {@link GrafanaException}. */
    private JsonNode expectJson(String what, String permission, HttpResponse<String> response) throws GrafanaException {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return json(response).orElseThrow(() -> new GrafanaException(GrafanaException.Reason.NOT_GRAFANA,
                    "Grafana at " + base + " answered something other than JSON when asked to " + what + ": is " + base
                            + " Grafana’s address?"));
        }
        throw switch (status) {
            case 401 -> new GrafanaException(GrafanaException.Reason.UNAUTHORIZED, token.isPresent()
                    ? "Grafana at " + base + " did not accept the service account token (401 Unauthorized"
                            + said(response) + ") when asked to " + what + ". Check that it is the whole token and that it is not expired or "
                            + "revoked (Administration → Users and access → Service accounts), then give it again."
                    : "Grafana at " + base + " needs a service account token to " + what + " (401 Unauthorized): "
                            + "anonymous access is off there. Create a token for a service account with the Editor role "
                            + "(Administration → Users and access → Service accounts) and give it.");
            case 403 -> new GrafanaException(GrafanaException.Reason.FORBIDDEN, "Grafana at " + base + " refused to "
                    + what + " (403 Forbidden" + said(response) + "): " + (token.isPresent() ? "the service account"
                    : "anonymous access") + " lacks the " + permission + " permission. "
                    + (token.isPresent() ? "Give the service account the Editor role (or a role with " + permission + ")."
                    : "Give a token of a service account with the Editor role."));
            case 404 -> new GrafanaException(GrafanaException.Reason.FAILED, "Grafana at " + base + " answered 404 (Not "
                    + "Found" + said(response) + ") when asked to " + what + ". Is " + base + " Grafana’s address?");
            default -> new GrafanaException(GrafanaException.Reason.FAILED, "Grafana at " + base + " could not " + what
                    + " (HTTP " + status + said(response) + "). Try again; Grafana’s own log has the details.");
        };
    }

    private static Optional<JsonNode> json(HttpResponse<String> response) {
        try {
            JsonNode node = DashboardJson.MAPPER.readTree(response.body());
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** {@code , “<Grafana's message>”} when its answer has one, to go inside the parentheses after the status. */
    private static String said(HttpResponse<String> response) {
        return json(response).map(body -> body.path("message").asText("")).filter(message -> !message.isBlank())
                .map(message -> ", “" + message + "”").orElse("");
    }
}
