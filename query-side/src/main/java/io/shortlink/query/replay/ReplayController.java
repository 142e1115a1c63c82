package io.shortlink.query.replay;

import io.shortlink.caller.Caller;
import io.shortlink.caller.ForbiddenException;
import io.shortlink.edge.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The admin API of replays: start one, follow it, list them. Admins only. */
@RestController
@RequestMapping("/api/v1/admin/replays")
public class ReplayController {

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    /**
     * What {@code POST} takes: the projection to rebuild; whether to switch to it even when it differs from the live
     * view (to repair a live view known to be wrong, or after a change of the projection's code); or whether only to
     * compare it with the live view, listing the differences, and never switch.
     */
    public record ReplayRequest(String projection, Boolean acceptDifferences, Boolean verifyOnly) {
    }

    @Operation(summary = "Start a replay", description = "Rebuilds a projection from the event streams into a new generation; redirects keep answering from the live one.")
    @ProblemResponse(status = 400, codes = "unknown-projection", when = "There is no such projection")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 403, codes = "forbidden", when = "The key is not the admin key")
    @ProblemResponse(status = 409, codes = "replay-running", when = "A replay of this projection runs already")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping
    public ResponseEntity<Map<String, String>> start(@RequestBody(required = false) ReplayRequest request, Caller caller) {
        requireAdmin(caller);
        ReplayStatus started = request == null ? replays.start(null, false, false)
                : replays.start(request.projection(), Boolean.TRUE.equals(request.acceptDifferences()),
                Boolean.TRUE.equals(request.verifyOnly()));
        return ResponseEntity.accepted().body(Map.of("id", started.id(), "projection", started.projection(),
                "status", started.status()));
    }

    @Operation(summary = "Follow a replay")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 403, codes = "forbidden", when = "The key is not the admin key")
    @ProblemResponse(status = 404, codes = "replay-not-found", when = "No replay has this id")
    @GetMapping("/{id}")
    public ReplayStatus status(@PathVariable String id, Caller caller) {
        requireAdmin(caller);
        return replays.find(id).orElseThrow(() -> new ReplayNotFoundException(id));
    }

    @Operation(summary = "The replays")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 403, codes = "forbidden", when = "The key is not the admin key")
    @GetMapping
    public List<ReplayStatus> list(Caller caller) {
        requireAdmin(caller);
        return replays.list();
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.requireApiKey().admin()) {
            throw new ForbiddenException("Only admins may replay projections");
        }
    }
}
