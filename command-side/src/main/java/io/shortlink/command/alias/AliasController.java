package io.shortlink.command.alias;

import io.shortlink.caller.Caller;
import io.shortlink.edge.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;

@RestController
@RequestMapping("/api/v1/aliases")
public class AliasController {

    /** Body of {@code PUT /api/v1/aliases/{alias}}; the body itself is optional. */
    public record ReserveAliasRequest(Instant reservedUntil) {
    }

    /** A reservation as the API shows it. */
    public record ReservationResponse(String alias, String owner, Instant reservedUntil) {
    }

    private final Reservations reservations;

    public AliasController(Reservations reservations) {
        this.reservations = reservations;
    }

    @Operation(summary = "Reserve an alias", description = "201 for a new reservation, 200 when the caller holds it already (the new `reservedUntil` applies).")
    @ProblemResponse(status = 400, codes = "validation-failed", when = "A field breaks a rule; `errors` lists each")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 409, codes = "alias-taken", when = "The alias is a link's code or another owner's reservation")
    @ProblemResponse(status = 429, codes = "rate-limited", when = "Over the hourly limit, shared with creations")
    @ApiResponse(responseCode = "201", description = "Reserved")
    @ApiResponse(responseCode = "200", description = "Already the caller's: renewed")
    @PutMapping("/{alias}")
    public ResponseEntity<ReservationResponse> reserve(@PathVariable String alias,
                                                       @RequestBody(required = false) ReserveAliasRequest request,
                                                       Caller caller) {
        Reservation reservation = reservations.reserve(alias, request == null ? null : request.reservedUntil(), caller);
        ReservationResponse body = new ReservationResponse(reservation.alias(), reservation.owner(), reservation.reservedUntil());
        return reservation.created()
                ? ResponseEntity.created(URI.create("/api/v1/aliases/" + alias)).body(body)
                : ResponseEntity.status(HttpStatus.OK).body(body);
    }

    @Operation(summary = "Release a reservation")
    @ProblemResponse(status = 401, codes = "authentication-required", when = "The request carried no API key")
    @ProblemResponse(status = 404, codes = "reservation-not-found", when = "The caller holds no reservation of this alias")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{alias}")
    public ResponseEntity<Void> release(@PathVariable String alias, Caller caller) {
        reservations.release(alias, caller);
        return ResponseEntity.noContent().build();
    }
}
