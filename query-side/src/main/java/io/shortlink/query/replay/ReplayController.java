package io.shortlink.query.replay;

import io.shortlink.query.caller.Caller;
import io.shortlink.query.problem.Problems;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.function.Supplier;

/** The admin API of replays: start one, follow it, list them. Admins only. */
@RestController
@RequestMapping("/api/v1/admin/replays")
public class ReplayController {

    private final Replays replays;

    ReplayController(Replays replays) {
        this.replays = replays;
    }

    /**
     * What {@code POST} takes: the projection to rebuild, and whether to switch to it even when it differs from the
     * live view (to repair a live view known to be wrong, or after a change of the projection's code).
     */
    public record ReplayRequest(String projection, Boolean acceptDifferences) {
    }

    @PostMapping
    public ResponseEntity<?> start(@RequestBody(required = false) ReplayRequest request, Caller caller) {
        return asAdmin(caller, () -> {
            try {
                ReplayStatus started = request == null ? replays.start(null, false)
                        : replays.start(request.projection(), Boolean.TRUE.equals(request.acceptDifferences()));
                return ResponseEntity.accepted().body(Map.of("id", started.id(), "projection", started.projection(),
                        "status", started.status()));
            } catch (UnknownProjectionException unknown) {
                return Problems.problem(HttpStatus.BAD_REQUEST, "unknown-projection", unknown.getMessage());
            } catch (ReplayRunningException running) {
                return Problems.problem(HttpStatus.CONFLICT, "replay-running", running.getMessage());
            }
        });
    }

    @GetMapping("/{id}")
    public ResponseEntity<?> status(@PathVariable String id, Caller caller) {
        return asAdmin(caller, () -> replays.find(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> Problems.problem(HttpStatus.NOT_FOUND, "replay-not-found", "There is no replay " + id)));
    }

    @GetMapping
    public ResponseEntity<?> list(Caller caller) {
        return asAdmin(caller, () -> ResponseEntity.ok(replays.list()));
    }

    /** The replays are kept in PostgreSQL: without it, none can be started or looked up. */
    @ExceptionHandler(DataAccessException.class)
    public ResponseEntity<?> storageUnavailable(DataAccessException unavailable) {
        return Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable", "The replays' storage is unavailable; try again later");
    }

    private static ResponseEntity<?> asAdmin(Caller caller, Supplier<ResponseEntity<?>> answer) {
        if (caller.isAnonymous()) {
            return Problems.unauthorized("Replays need an admin's API key");
        }
        if (!caller.admin()) {
            return Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Only admins may replay projections");
        }
        return answer.get();
    }
}
