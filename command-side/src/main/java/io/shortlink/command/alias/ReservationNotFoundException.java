package io.shortlink.command.alias;

import io.shortlink.refusal.Refusal;

/** The alias is not reserved by the caller (not reserved at all, reserved by someone else, or already a link). */
public class ReservationNotFoundException extends Refusal {

    public ReservationNotFoundException(String alias) {
        super(Reason.NOT_FOUND, "reservation-not-found", "You hold no reservation of the alias '" + alias + "'");
    }
}
