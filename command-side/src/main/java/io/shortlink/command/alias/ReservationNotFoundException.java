package io.shortlink.command.alias;

/** The alias is not reserved by the caller (not reserved at all, reserved by someone else, or already a link). */
public class ReservationNotFoundException extends RuntimeException {

    public ReservationNotFoundException(String alias) {
        super("You hold no reservation of the alias '" + alias + "'");
    }
}
