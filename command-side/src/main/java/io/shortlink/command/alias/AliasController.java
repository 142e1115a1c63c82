package io.shortlink.command.alias;

import io.shortlink.caller.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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

    @DeleteMapping("/{alias}")
    public ResponseEntity<Void> release(@PathVariable String alias, Caller caller) {
        reservations.release(alias, caller);
        return ResponseEntity.noContent().build();
    }
}
