package io.alloycompanion.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A real HTTP server on loopback that answers like Grafana's HTTP API (as of Grafana 11) for what the app uses:
 * {@code /api/health} (no auth, as in Grafana), {@code /api/datasources}, {@code /api/frontend/settings},
 * {@code /api/folders} (list, create), {@code /api/dashboards/db}, {@code /api/dashboards/uid/<uid>} (what was saved). Without a required token every call is allowed
 * (anonymous Admin, as the local stack runs it); with one, a call without that bearer token gets 401.
 */
public final class FakeGrafana implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A datasource it has. */
    public record Datasource(String uid, String name, String type, boolean isDefault) {
    }

    /** One request as received: method, path with query, Authorization header, body. */
    public record Request(String method, String path, Optional<String> authorization, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Datasource> datasources = new ArrayList<>();
    private final Map<String, String> folders = Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private final Map<String, Integer> versions = new HashMap<>();
    /** Saved dashboards by uid: the model and the folder uid it went into (empty for General). */
    private final Map<String, ObjectNode> saved = Collections.synchronizedMap(new HashMap<>());
    private final Map<String, String> savedFolders = Collections.synchronizedMap(new HashMap<>());
    private volatile boolean dashboardReadForbidden;
    private final Set<String> titlesTakenElsewhere = new HashSet<>();
    private volatile Optional<String> requiredToken = Optional.empty();
    private volatile boolean datasourceListForbidden;
    private volatile boolean dashboardWriteForbidden;
    private int nextId = 1;

    public FakeGrafana() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeGrafana withDatasource(String uid, String name, String type, boolean isDefault) {
        datasources.add(new Datasource(uid, name, type, isDefault));
        return this;
    }

    /** The three datasources the local stack provisions (uids prometheus, loki, tempo). */
    public FakeGrafana withStackDatasources() {
        return withDatasource("prometheus", "Prometheus", "prometheus", true).withDatasource("loki", "Loki", "loki", false)
                .withDatasource("tempo", "Tempo", "tempo", false);
    }

    public FakeGrafana withFolder(String uid, String title) {
        folders.put(uid, title);
        return this;
    }

    /** Calls without {@code Authorization: Bearer <token>} get 401, as with anonymous access off. */
    public FakeGrafana requireToken(String token) {
        requiredToken = Optional.of(token);
        return this;
    }

    /** A dashboard with this title and another uid is already in every folder: saving one gets 412 name-exists. */
    public FakeGrafana withTitleTaken(String title) {
        titlesTakenElsewhere.add(title);
        return this;
    }

    /** GET /api/datasources answers 403 (a role without datasources:read); the frontend settings still list them. */
    public FakeGrafana forbidDatasourceList() {
        datasourceListForbidden = true;
        return this;
    }

    /** GET /api/dashboards/uid/… answers 403 (a service account without access to dashboards). */
    public FakeGrafana forbidDashboardReads() {
        dashboardReadForbidden = true;
        return this;
    }

    /** POST /api/dashboards/db answers 403 (a Viewer). */
    public FakeGrafana forbidDashboardWrites() {
        dashboardWriteForbidden = true;
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The bodies posted to {@code path}. */
    public List<JsonNode> posted(String path) {
        return requests().stream().filter(request -> request.method().equals("POST") && request.path().equals(path))
                .map(Request::json).toList();
    }

    public Map<String, String> folders() {
        synchronized (folders) {
            return Map.copyOf(folders);
        }
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            Optional<String> authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(new Request(method, query == null ? path : path + "?" + query, authorization, body));
            if (path.equals("/api/health") && method.equals("GET")) {
                send(exchange, 200, "{\"commit\":\"0123abc\",\"database\":\"ok\",\"version\":\"11.3.0\"}");
                return;
            }
            if (!path.startsWith("/api/")) {
                send(exchange, 404, "{\"message\":\"Not found\"}");
                return;
            }
            if (requiredToken.isPresent() && !authorization.equals(Optional.of("Bearer " + requiredToken.get()))) {
                send(exchange, 401, authorization.isPresent() ? "{\"message\":\"invalid API key\"}" : "{\"message\":\"Unauthorized\"}");
                return;
            }
            switch (method + " " + path) {
                case "GET /api/datasources" -> {
                    if (datasourceListForbidden) {
                        send(exchange, 403, "{\"message\":\"You'll need additional permissions to perform this action. "
                                + "Permissions needed: datasources:read\"}");
                        return;
                    }
                    ArrayNode list = JSON.createArrayNode();
                    int id = 1;
                    for (Datasource datasource : datasources) {
                        list.addObject().put("id", id++).put("uid", datasource.uid()).put("orgId", 1)
                                .put("name", datasource.name()).put("type", datasource.type())
                                .put("typeName", datasource.type().substring(0, 1).toUpperCase(Locale.ROOT)
                                        + datasource.type().substring(1))
                                .put("access", "proxy").put("url", "http://" + datasource.type() + ":1234")
                                .put("isDefault", datasource.isDefault()).put("readOnly", true);
                    }
                    send(exchange, 200, list.toString());
                }
                case "GET /api/frontend/settings" -> {
                    ObjectNode settings = JSON.createObjectNode();
                    ObjectNode byName = settings.putObject("datasources");
                    for (Datasource datasource : datasources) {
                        byName.putObject(datasource.name()).put("type", datasource.type()).put("uid", datasource.uid())
                                .put("name", datasource.name()).put("isDefault", datasource.isDefault());
                    }
                    settings.put("appUrl", url() + "/");
                    send(exchange, 200, settings.toString());
                }
                case "GET /api/folders" -> {
                    ArrayNode list = JSON.createArrayNode();
                    folders().forEach((uid, title) -> list.addObject().put("id", 1).put("uid", uid).put("title", title));
                    send(exchange, 200, list.toString());
                }
                case "POST /api/folders" -> {
                    String title = parse(body).path("title").asText("");
                    if (folders().containsValue(title)) {
                        send(exchange, 409, "{\"message\":\"a folder with the same name already exists in the current location\"}");
                        return;
                    }
                    String uid = "folder-" + nextId++;
                    folders.put(uid, title);
                    send(exchange, 200, JSON.createObjectNode().put("id", nextId).put("uid", uid).put("title", title)
                            .put("url", "/dashboards/f/" + uid + "/").toString());
                }
                case "POST /api/dashboards/db" -> saveDashboard(exchange, parse(body));
                default -> {
                    if (method.equals("GET") && path.startsWith("/api/dashboards/uid/")) {
                        dashboard(exchange, path.substring("/api/dashboards/uid/".length()));
                        return;
                    }
                    send(exchange, 404, "{\"message\":\"Not found\"}");
                }
            }
        }
    }

    /** As Grafana 11: the model and its meta (url, folder), 404 "Dashboard not found", 403 "Access denied…". */
    private void dashboard(HttpExchange exchange, String uid) throws IOException {
        if (dashboardReadForbidden) {
            send(exchange, 403, "{\"message\":\"Access denied to this dashboard\"}");
            return;
        }
        ObjectNode dashboard = saved.get(uid);
        if (dashboard == null) {
            send(exchange, 404, "{\"message\":\"Dashboard not found\"}");
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("dashboard", dashboard);
        String folderUid = savedFolders.getOrDefault(uid, "");
        String slug = slug(dashboard.path("title").asText(""));
        answer.putObject("meta").put("type", "db").put("canSave", true).put("slug", slug).put("url", "/d/" + uid + "/" + slug)
                .put("folderUid", folderUid).put("folderTitle", folderUid.isEmpty() ? "General" : folders().getOrDefault(folderUid, "?"))
                .put("version", versions.getOrDefault(uid, 1));
        send(exchange, 200, answer.toString());
    }

    /** The dashboard model saved under this uid, as posted. */
    public Optional<JsonNode> savedDashboard(String uid) {
        return Optional.ofNullable(saved.get(uid));
    }

    private static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private void saveDashboard(HttpExchange exchange, JsonNode body) throws IOException {
        if (dashboardWriteForbidden) {
            send(exchange, 403, "{\"message\":\"You'll need additional permissions to perform this action. Permissions "
                    + "needed: any of dashboards:write\"}");
            return;
        }
        JsonNode dashboard = body.path("dashboard");
        String title = dashboard.path("title").asText("");
        if (title.isBlank()) {
            send(exchange, 400, "{\"message\":\"Dashboard title cannot be empty\"}");
            return;
        }
        if (titlesTakenElsewhere.contains(title)) {
            send(exchange, 412, "{\"message\":\"A dashboard with the same name in the folder already exists\","
                    + "\"status\":\"name-exists\"}");
            return;
        }
        String uid = dashboard.path("uid").asText("");
        if (uid.isEmpty()) {
            uid = "generated" + nextId++;
        }
        int version = versions.merge(uid, 1, Integer::sum);
        if (dashboard instanceof ObjectNode model) {
            saved.put(uid, model.deepCopy().put("uid", uid));
            savedFolders.put(uid, body.path("folderUid").asText(""));
        }
        String slug = slug(title);
        send(exchange, 200, JSON.createObjectNode().put("id", 100 + version).put("uid", uid)
                .put("url", "/d/" + uid + "/" + slug).put("status", "success").put("version", version)
                .put("slug", slug).toString());
    }

    private static JsonNode parse(String body) throws IOException {
        return JSON.readTree(body.isEmpty() ? "{}" : body);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
