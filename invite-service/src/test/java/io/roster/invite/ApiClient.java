package io.roster.invite;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the API tests: every status, header and body as it came, 4xx included. */
final class ApiClient {

    record Response(int status, String contentType, JsonNode body, Map<String, List<String>> headers) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final int port;

    ApiClient(int port) {
        this.port = port;
    }

    Response call(String method, String path, String auth, String body) {
        return call(method, path, auth, body, Map.of());
    }

    Response call(String method, String path, String auth, String body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json");
            if (auth != null) {
                request.header("Authorization", auth);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body().isEmpty() ? null : json.readTree(response.body()), response.headers().map());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
